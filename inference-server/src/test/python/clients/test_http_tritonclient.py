"""tritonclient.http (NVIDIA's Triton client, Open Inference Protocol over HTTP) against the server, call by call."""
import asyncio

import numpy as np
import pytest
import tritonclient.http as httpclient
import tritonclient.http.aio as aioclient
from tritonclient.utils import InferenceServerException

OUTPUT = "predict"


@pytest.fixture
def client(http_url):
    with httpclient.InferenceServerClient(url=http_url, concurrency=2) as triton:
        yield triton


def row_tensor(rows, datatype, binary):
    tensor = httpclient.InferInput("rows", list(rows.shape), datatype)
    tensor.set_data_from_numpy(rows.astype(np.float64 if datatype == "FP64" else np.float32), binary_data=binary)
    return tensor


def feature_tensors(expected, size, binary):
    """One tensor per feature, each in another datatype, as pandas-based clients send them."""
    columns = expected.columns(size)
    datatypes = {"age": ("FP64", np.float64), "income": ("FP32", np.float32), "plan": ("BYTES", np.object_),
                 "visits": ("INT64", np.int64)}
    tensors = []
    for name, values in columns.items():
        datatype, dtype = datatypes[name]
        tensor = httpclient.InferInput(name, [size], datatype)
        tensor.set_data_from_numpy(values.astype(dtype), binary_data=binary)
        tensors.append(tensor)
    return tensors


def test_health(client, model):
    assert client.is_server_live()
    assert client.is_server_ready()
    assert client.is_model_ready(model)
    assert client.is_model_ready(model, model_version="1")
    assert not client.is_model_ready("no-such-model")


def test_server_and_model_metadata(client, model, expected):
    server = client.get_server_metadata()
    assert server["name"] == "mlops-inference-server"
    assert "binary_tensor_data" in server["extensions"]
    metadata = client.get_model_metadata(model)
    assert metadata["name"] == model
    assert [tensor["name"] for tensor in metadata["inputs"]] == expected.features
    assert metadata["outputs"][0]["name"] == OUTPUT
    assert client.get_model_metadata(model, model_version="1")["versions"] == ["1"]


@pytest.mark.parametrize("size", [1, 1000])
@pytest.mark.parametrize("binary_in", [True, False])
@pytest.mark.parametrize("binary_out", [True, False])
def test_infer_fp32_row_tensor(client, model, expected, size, binary_in, binary_out):
    result = client.infer(model, [row_tensor(expected.batch(size), "FP32", binary_in)],
                          outputs=[httpclient.InferRequestedOutput(OUTPUT, binary_data=binary_out)])
    expected.assert_predictions(result.as_numpy(OUTPUT), size)
    assert result.get_output(OUTPUT)["datatype"] == "FP32"


def test_infer_without_requested_outputs_gets_binary_output(client, model, expected):
    # tritonclient then asks for every output as binary (binary_data_output)
    result = client.infer(model, [row_tensor(expected.batch(10), "FP32", True)])
    assert "binary_data_size" in result.get_output(OUTPUT)["parameters"]
    expected.assert_predictions(result.as_numpy(OUTPUT), 10)


@pytest.mark.parametrize("binary", [True, False])
def test_infer_fp64_row_tensor(client, model, expected, binary):
    result = client.infer(model, [row_tensor(expected.batch(1000), "FP64", binary)])
    expected.assert_predictions(result.as_numpy(OUTPUT), 1000)


@pytest.mark.parametrize("size", [1, 1000])
@pytest.mark.parametrize("binary", [True, False])
def test_infer_one_tensor_per_feature_fp64_fp32_bytes_int64(client, model, expected, size, binary):
    result = client.infer(model, feature_tensors(expected, size, binary), request_id="per-feature")
    assert result.get_response()["id"] == "per-feature"
    expected.assert_predictions(result.as_numpy(OUTPUT), size)


@pytest.mark.parametrize("request_compression", [None, "gzip", "deflate"])
@pytest.mark.parametrize("response_compression", [None, "gzip", "deflate"])
def test_infer_compressed(client, model, expected, request_compression, response_compression):
    result = client.infer(model, [row_tensor(expected.batch(1000), "FP32", True)],
                          request_compression_algorithm=request_compression,
                          response_compression_algorithm=response_compression)
    expected.assert_predictions(result.as_numpy(OUTPUT), 1000)


def test_async_infer(client, model, expected):
    pending = [client.async_infer(model, [row_tensor(expected.batch(size), "FP32", True)]) for size in (1, 1000)]
    for size, request in zip((1, 1000), pending):
        expected.assert_predictions(request.get_result().as_numpy(OUTPUT), size)


def test_asyncio_client(http_url, model, expected):
    async def run():
        async with aioclient.InferenceServerClient(url=http_url) as triton:
            assert await triton.is_server_live()
            assert await triton.is_server_ready()
            assert await triton.is_model_ready(model)
            assert (await triton.get_server_metadata())["name"] == "mlops-inference-server"
            assert (await triton.get_model_metadata(model))["name"] == model
            tensor = aioclient.InferInput("rows", [1000, 4], "FP32")
            tensor.set_data_from_numpy(expected.batch(1000))
            results = await asyncio.gather(*[triton.infer(model, [tensor], request_compression_algorithm="gzip")
                                             for _ in range(3)])
            for result in results:
                expected.assert_predictions(result.as_numpy(OUTPUT), 1000)

    asyncio.run(run())


def test_a_bad_request_is_a_4xx_whose_message_the_client_shows(client, model):
    tensor = httpclient.InferInput("rows", [2, 3], "FP32")
    tensor.set_data_from_numpy(np.zeros((2, 3), dtype=np.float32))
    with pytest.raises(InferenceServerException) as error:
        client.infer(model, [tensor])
    assert error.value.status() == "400"
    assert "send shape [rows, 4]" in error.value.message()


@pytest.mark.parametrize("call", [
    lambda triton, model: triton.get_model_config(model),
    lambda triton, model: triton.get_model_repository_index(),
    lambda triton, model: triton.load_model(model),
    lambda triton, model: triton.unload_model(model),
    lambda triton, model: triton.get_inference_statistics(model),
    lambda triton, model: triton.get_trace_settings(),
    lambda triton, model: triton.get_log_settings(),
    lambda triton, model: triton.get_system_shared_memory_status(),
    lambda triton, model: triton.get_cuda_shared_memory_status(),
], ids=["model_config", "repository_index", "load_model", "unload_model", "statistics", "trace_settings",
        "log_settings", "system_shared_memory", "cuda_shared_memory"])
def test_triton_only_extensions_are_refused_with_a_4xx_that_says_so(client, model, call):
    with pytest.raises(InferenceServerException) as error:
        call(client, model)
    assert error.value.status() in ("400", "404", "405")
    assert "no endpoint" in error.value.message()
