"""Latency of explain against infer for the same rows, one client, sequential requests (docs/protocol.md).

    python3 inference-server/bench/explain_cost.py 127.0.0.1:8080 <model> [features]
"""
import json
import random
import statistics
import sys
import time
import urllib.request

URL, MODEL = sys.argv[1], sys.argv[2]
FEATURES = int(sys.argv[3]) if len(sys.argv) > 3 else 4
CALLS = 200


def post(path, body):
    request = urllib.request.Request(f"http://{URL}{path}", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        response.read()


def measure(path, rows):
    body = json.dumps({"inputs": [{"name": "rows", "shape": [rows, FEATURES], "datatype": "FP32",
                                   "data": [random.Random(i).randint(0, 2) for i in range(rows * FEATURES)]}]}).encode()
    for _ in range(20):
        post(path, body)
    times = []
    for _ in range(CALLS):
        started = time.perf_counter()
        post(path, body)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


print("| rows | infer p50 / p99 (ms) | explain p50 / p99 (ms) |")
print("|---|---|---|")
for rows in (1, 10, 100):
    infer = measure(f"/v2/models/{MODEL}/infer", rows)
    explain = measure(f"/v2/models/{MODEL}/explain", rows)
    print(f"| {rows} | {infer[0]:.2f} / {infer[1]:.2f} | {explain[0]:.2f} / {explain[1]:.2f} |")
