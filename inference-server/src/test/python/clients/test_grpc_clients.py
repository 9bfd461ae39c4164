"""The inference server's gRPC port driven by the standard clients, unchanged: tritonclient.grpc (sync, callback and
asyncio) and KServe's InferenceGRPCClient (asyncio). Environment (as for the HTTP tests): MLOPS_GRPC_URL
(host:port), MLOPS_MODEL, and MLOPS_EXPECTED, the JSON file conftest.py describes: features, categories (of the
categorical features, by code), rows (categories as codes, NaN for missing) and the predictions the server must give.

Each client's calls run in a child interpreter: tritonclient.grpc and kserve both register the protocol's protobuf
names (inference.ServerLiveRequest, ...) in the process-wide descriptor pool, so no process can import both, and the
HTTP tests of this suite import kserve. The child runs every check of one client and reports each outcome; one test
per check asserts on it.
"""
import asyncio
import functools
import json
import os
import subprocess
import sys
import threading
import traceback

import numpy as np
import pytest

URL = os.environ["MLOPS_GRPC_URL"]
MODEL = os.environ["MLOPS_MODEL"]
with open(os.environ["MLOPS_EXPECTED"], encoding="utf-8") as f:
    EXPECTED = json.load(f)
FEATURES = EXPECTED["features"]
CATEGORIES = EXPECTED.get("categories", {})
NUMERIC_ROWS = np.array(EXPECTED["rows"], dtype=np.float64)
# the rows as a pandas-minded client holds them: category names, None for missing
ROWS = [[CATEGORIES[f][int(v)] if f in CATEGORIES else (None if np.isnan(v) else float(v))
         for f, v in zip(FEATURES, row)] for row in NUMERIC_ROWS]
PREDICTIONS = np.array(EXPECTED["predictions"], dtype=np.float32)
BATCH = 1000

CHECKS = {"tritonclient": {}, "kserve": {}}


def check(client, name=None):
    def register(function):
        CHECKS[client][name or function.__name__] = function
        return function
    return register


def assert_predictions(actual, expected=PREDICTIONS):
    np.testing.assert_allclose(np.asarray(actual, dtype=np.float32).reshape(expected.shape), expected,
                               rtol=1e-5, atol=1e-6)


def repeated(count):
    """count rows cycling through the expected ones, and their expected predictions"""
    index = np.arange(count) % len(ROWS)
    return index, PREDICTIONS[index]


def feature_columns():
    """one column per feature, [rows, 1]: numbers as FP64 (missing as NaN), categorical ones as BYTES names"""
    columns = []
    for f, name in enumerate(FEATURES):
        values = [row[f] for row in ROWS]
        if any(isinstance(v, str) for v in values):
            columns.append((name, "BYTES", np.array(values, dtype=np.object_).reshape(-1, 1)))
        else:
            columns.append((name, "FP64", np.array([np.nan if v is None else v for v in values],
                                                   dtype=np.float64).reshape(-1, 1)))
    return columns


# --- tritonclient.grpc: `triton`, `triton_aio` and `TritonError` are imported by the child ------------------------

def row_tensor(rows, datatype, dtype):
    tensor = triton.InferInput("input-0", list(rows.shape), datatype)
    tensor.set_data_from_numpy(rows.astype(dtype))
    return tensor


@check("tritonclient")
def health(client):
    assert client.is_server_live()
    assert client.is_server_ready()
    assert client.is_model_ready(MODEL)
    version = client.get_model_metadata(MODEL).versions[0]
    assert client.is_model_ready(MODEL, version)
    with pytest.raises(TritonError) as error:
        client.is_model_ready("no-such-model")
    assert error.value.status() == "StatusCode.NOT_FOUND"


@check("tritonclient")
def metadata(client):
    assert client.get_server_metadata().name == "mlops-inference-server"
    model = client.get_model_metadata(MODEL, as_json=True)
    assert model["name"] == MODEL
    assert [i["name"] for i in model["inputs"]] == FEATURES
    assert model["outputs"][0]["name"] == "predict"
    assert model["outputs"][0]["datatype"] == "FP32"


def infer_numpy_row_tensor(datatype, dtype, client):
    result = client.infer(MODEL, [row_tensor(NUMERIC_ROWS, datatype, dtype)], request_id="r-1",
                          outputs=[triton.InferRequestedOutput("predict")])
    assert result.get_response().id == "r-1"
    assert result.get_response().model_name == MODEL
    assert_predictions(result.as_numpy("predict"))


for _datatype, _dtype in (("FP32", np.float32), ("FP64", np.float64)):
    check("tritonclient", "infer_numpy_" + _datatype)(functools.partial(infer_numpy_row_tensor, _datatype, _dtype))


@check("tritonclient")
def infer_numpy_INT64(client):
    integral = [i for i, row in enumerate(NUMERIC_ROWS) if np.all(np.isfinite(row)) and np.all(row == np.rint(row))]
    assert integral, "the expected rows need one without fractions or missing values"
    result = client.infer(MODEL, [row_tensor(NUMERIC_ROWS[integral], "INT64", np.int64)])
    assert_predictions(result.as_numpy("predict"), PREDICTIONS[integral])


@check("tritonclient")
def infer_one_tensor_per_feature_with_bytes(client):
    inputs = []
    for name, datatype, column in feature_columns():
        tensor = triton.InferInput(name, list(column.shape), datatype)
        tensor.set_data_from_numpy(column)
        inputs.append(tensor)
    assert_predictions(client.infer(MODEL, inputs).as_numpy("predict"))


@check("tritonclient")
def infer_batch_of_1000(client):
    index, expected = repeated(BATCH)
    result = client.infer(MODEL, [row_tensor(NUMERIC_ROWS[index], "FP32", np.float32)])
    assert result.as_numpy("predict").shape == (BATCH,)
    assert_predictions(result.as_numpy("predict"), expected)


def infer_compressed(algorithm, client):
    index, expected = repeated(BATCH)
    result = client.infer(MODEL, [row_tensor(NUMERIC_ROWS[index], "FP32", np.float32)],
                          compression_algorithm=algorithm)
    assert_predictions(result.as_numpy("predict"), expected)


for _algorithm in ("gzip", "deflate"):
    check("tritonclient", "infer_compressed_" + _algorithm)(functools.partial(infer_compressed, _algorithm))


@check("tritonclient")
def async_infer_with_callback(client):
    answers = []
    done = threading.Event()

    def callback(result, error):
        answers.append((result, error))
        done.set()

    client.async_infer(MODEL, [row_tensor(NUMERIC_ROWS, "FP32", np.float32)], callback)
    assert done.wait(30)
    result, error = answers[0]
    assert error is None, error
    assert_predictions(result.as_numpy("predict"))


@check("tritonclient")
def asyncio_client(_):
    async def run():
        async with triton_aio.InferenceServerClient(URL) as c:
            assert await c.is_server_live()
            assert await c.is_server_ready()
            assert await c.is_model_ready(MODEL)
            assert (await c.get_server_metadata()).name == "mlops-inference-server"
            assert (await c.get_model_metadata(MODEL)).name == MODEL
            result = await c.infer(MODEL, [row_tensor(NUMERIC_ROWS, "FP32", np.float32)],
                                   compression_algorithm="gzip")
            assert_predictions(result.as_numpy("predict"))
    asyncio.run(run())


@check("tritonclient")
def mistakes_are_invalid_argument_or_not_found(client):
    wrong = triton.InferInput("input-0", [len(ROWS), len(FEATURES) + 1], "FP32")
    wrong.set_data_from_numpy(np.zeros((len(ROWS), len(FEATURES) + 1), dtype=np.float32))
    with pytest.raises(TritonError) as error:
        client.infer(MODEL, [wrong])
    assert error.value.status() == "StatusCode.INVALID_ARGUMENT"
    assert "input-0" in error.value.message()
    with pytest.raises(TritonError) as error:
        client.infer("no-such-model", [row_tensor(NUMERIC_ROWS, "FP32", np.float32)])
    assert error.value.status() == "StatusCode.NOT_FOUND"


@check("tritonclient")
def triton_only_calls_are_unimplemented(client):
    with pytest.raises(TritonError) as error:
        client.get_model_config(MODEL)
    assert error.value.status() == "StatusCode.UNIMPLEMENTED"


# --- KServe InferenceGRPCClient: `kserve` and `grpc` are imported by the child -------------------------------------

def with_kserve(calls):
    async def run():
        async with kserve.InferenceGRPCClient(URL, retries=0) as c:
            return await calls(c)
    return asyncio.run(run())


@check("kserve")
def health(_):
    async def calls(c):
        return await c.is_server_live(), await c.is_server_ready(), await c.is_model_ready(MODEL)
    assert with_kserve(calls) == (True, True, True)


@check("kserve")
def infer_numpy_raw_batch_of_1000(_):
    index, expected = repeated(BATCH)
    tensor = kserve.InferInput("input-0", [BATCH, len(FEATURES)], "FP32")
    tensor.set_data_from_numpy(NUMERIC_ROWS[index].astype(np.float32), binary_data=True)

    async def calls(c):
        return await c.infer(kserve.InferRequest(model_name=MODEL, infer_inputs=[tensor], request_id="k-1"))
    response = with_kserve(calls)
    assert response.id == "k-1"
    assert response.model_name == MODEL
    assert_predictions(response.outputs[0].as_numpy(), expected)


@check("kserve")
def infer_typed_contents(_):
    inputs = []
    for name, datatype, column in feature_columns():
        values = column.reshape(-1).tolist()
        inputs.append(kserve.InferInput(name, [len(values)], datatype, data=values))

    async def calls(c):
        return await c.infer(kserve.InferRequest(model_name=MODEL, infer_inputs=inputs))
    assert_predictions(with_kserve(calls).outputs[0].as_numpy())


@check("kserve")
def mistakes_are_invalid_argument(_):
    tensor = kserve.InferInput("input-0", [1, len(FEATURES) + 1], "FP32", data=[0.0] * (len(FEATURES) + 1))

    async def calls(c):
        return await c.infer(kserve.InferRequest(model_name=MODEL, infer_inputs=[tensor]))
    with pytest.raises(grpc.aio.AioRpcError) as error:
        with_kserve(calls)
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "input-0" in error.value.details()


# --- the two processes ------------------------------------------------------------------------------------------

def run_checks(client_name):
    """In the child: imports one client, runs its checks, prints {check: "ok" or the failure} as the last line."""
    global triton, triton_aio, TritonError, kserve, grpc
    if client_name == "tritonclient":
        import tritonclient.grpc as triton
        import tritonclient.grpc.aio as triton_aio
        from tritonclient.utils import InferenceServerException as TritonError
        client = triton.InferenceServerClient(URL)
    else:
        import grpc
        import kserve
        client = None
    outcomes = {}
    for name, function in CHECKS[client_name].items():
        try:
            function(client)
            outcomes[name] = "ok"
        except BaseException:  # noqa: B036 - pytest.raises failures are BaseExceptions too
            outcomes[name] = traceback.format_exc()
    print(json.dumps(outcomes))


@functools.cache
def outcomes_of(client_name):
    child = subprocess.run([sys.executable, __file__, client_name], capture_output=True, text=True, timeout=600)
    assert child.returncode == 0 and child.stdout.strip(), f"the {client_name} child failed:\n{child.stderr}"
    return json.loads(child.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("client_name,check_name", [(c, n) for c in CHECKS for n in CHECKS[c]])
def test_grpc(client_name, check_name):
    outcome = outcomes_of(client_name).get(check_name, "not run")
    assert outcome == "ok", outcome


if __name__ == "__main__":
    run_checks(sys.argv[1])
