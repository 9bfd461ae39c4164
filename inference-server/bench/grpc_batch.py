"""Load generator of protocols.sh for gRPC: ModelInfer calls of one 1,000-row FP32 raw tensor, as tritonclient sends them,
with a fixed number in flight for a fixed time. The request is serialized once and answers are not parsed (only the
first is checked: raw FP32, or typed fp32_contents as KServe answers), so the client spends its core on gRPC itself. Prints one markdown row: in flight, rows/s, p50 and
p99 latency (ms), calls.

  python grpc_batch.py HOST:PORT MODEL FEATURES IN_FLIGHT SECONDS
"""
import asyncio
import sys
import time

import grpc
import numpy as np
from tritonclient.grpc import service_pb2

ROWS = 1000
METHOD = "/inference.GRPCInferenceService/ModelInfer"


def request(model, features):
    rows = np.random.default_rng(3).normal(size=(ROWS, features)).astype(np.float32)
    message = service_pb2.ModelInferRequest(model_name=model)
    tensor = message.inputs.add(name="input-0", datatype="FP32", shape=[ROWS, features])
    del tensor  # the raw contents carry the data
    message.raw_input_contents.append(rows.tobytes())
    return message.SerializeToString()


async def main(url, model, features, in_flight, seconds):
    body = request(model, features)
    async with grpc.aio.insecure_channel(url, options=[("grpc.max_receive_message_length", -1)]) as channel:
        infer = channel.unary_unary(METHOD)
        first = service_pb2.ModelInferResponse.FromString(await infer(body))
        answered = (len(first.raw_output_contents[0]) // 4 if first.raw_output_contents
                    else len(first.outputs[0].contents.fp32_contents))
        assert answered == ROWS, f"the answer has {answered} predictions, not {ROWS}"
        latencies = []
        deadline = time.perf_counter() + seconds

        async def worker():
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                await infer(body)
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(in_flight)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    print(f"| gRPC, raw FP32 | {in_flight} | {round(len(latencies) * ROWS / elapsed):,} "
          f"| {1000 * latencies[len(latencies) // 2]:.2f} | {1000 * latencies[int(len(latencies) * 0.99)]:.2f} "
          f"| {len(latencies):,} |")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])))
