"""KServe's Python SDK (InferenceRESTClient, V1 and V2 protocols) against the server, call by call."""
import asyncio
import math

import numpy as np
import pytest
from kserve import InferenceRESTClient, InferInput, InferRequest, RESTConfig
from kserve.protocol.infer_type import RequestedOutput

OUTPUT = "predict"


def run(calls):
    """Runs an async function of a client, as the SDK's REST client is asyncio-only."""
    async def with_client(protocol):
        client = InferenceRESTClient(RESTConfig(protocol=protocol))
        try:
            return await calls(client)
        finally:
            await client.close()
    return with_client


@pytest.fixture
def base_url(http_url):
    return f"http://{http_url}"


def v2(calls):
    return asyncio.run(run(calls)("v2"))


def v1(calls):
    return asyncio.run(run(calls)("v1"))


def test_v2_health(base_url, model):
    async def calls(client):
        assert await client.is_server_live(base_url)
        assert await client.is_server_ready(base_url)
        assert await client.is_model_ready(base_url, model)
    v2(calls)


def v2_row_request(model, expected, size, binary_in, binary_out, datatype="FP32"):
    tensor = InferInput("rows", [size, len(expected.features)], datatype)
    tensor.set_data_from_numpy(expected.batch(size).astype(np.float64 if datatype == "FP64" else np.float32),
                               binary_data=binary_in)
    outputs = [RequestedOutput(OUTPUT, {"binary_data": True})] if binary_out else None
    return InferRequest(model_name=model, infer_inputs=[tensor], request_outputs=outputs)


@pytest.mark.parametrize("size", [1, 1000])
@pytest.mark.parametrize("binary_in", [True, False])
@pytest.mark.parametrize("binary_out", [True, False])
def test_v2_infer_fp32(base_url, model, expected, size, binary_in, binary_out):
    async def calls(client):
        response = await client.infer(base_url, v2_row_request(model, expected, size, binary_in, binary_out),
                                      model_name=model)
        assert response.model_name == model
        expected.assert_predictions(response.outputs[0].as_numpy(), size)
    v2(calls)


@pytest.mark.parametrize("binary_in", [True, False])
def test_v2_infer_fp64(base_url, model, expected, binary_in):
    async def calls(client):
        response = await client.infer(base_url, v2_row_request(model, expected, 1000, binary_in, False, "FP64"),
                                      model_name=model)
        expected.assert_predictions(response.outputs[0].as_numpy(), 1000)
    v2(calls)


@pytest.mark.parametrize("binary_in", [True, False])
def test_v2_infer_one_tensor_per_feature_fp64_fp32_bytes_int64(base_url, model, expected, binary_in):
    datatypes = {"age": ("FP64", np.float64), "income": ("FP32", np.float32), "plan": ("BYTES", np.object_),
                 "visits": ("INT64", np.int64)}
    tensors = []
    for name, values in expected.columns(1000).items():
        datatype, dtype = datatypes[name]
        tensor = InferInput(name, [1000], datatype)
        tensor.set_data_from_numpy(values.astype(dtype), binary_data=binary_in)
        tensors.append(tensor)

    async def calls(client):
        response = await client.infer(base_url, InferRequest(model_name=model, infer_inputs=tensors,
                                                             request_id="kserve-1"), model_name=model)
        assert response.id == "kserve-1"
        expected.assert_predictions(response.outputs[0].as_numpy(), 1000)
    v2(calls)


def test_v2_infer_as_a_dict_and_concurrently(base_url, model, expected):
    body = {"inputs": [{"name": "rows", "shape": [1000, 4], "datatype": "FP32",
                        "data": [None if math.isnan(v) else float(v) for v in expected.batch(1000).reshape(-1)]}]}

    async def calls(client):
        responses = await asyncio.gather(*[client.infer(base_url, body, model_name=model) for _ in range(4)])
        for response in responses:
            expected.assert_predictions(response.outputs[0].as_numpy(), 1000)
    v2(calls)


def test_v1_health_and_model_readiness(base_url, model):
    async def calls(client):
        assert await client.is_server_live(base_url)
        assert await client.is_model_ready(base_url, model)
    v1(calls)


def v1_instances(expected, size):
    plans = expected.categories["plan"]
    return [[float(age), None if math.isnan(income) else float(income), plans[int(plan)], float(visits)]
            for age, income, plan, visits in expected.batch(size)]


@pytest.mark.parametrize("size", [1, 1000])
def test_v1_predict(base_url, model, expected, size):
    async def calls(client):
        response = await client.infer(base_url, {"instances": v1_instances(expected, size)}, model_name=model)
        expected.assert_predictions(response["predictions"], size)
    v1(calls)


@pytest.mark.parametrize("size", [1, 20])
def test_v1_explain_gives_contributions_that_add_up_to_the_prediction(base_url, model, expected, size):
    async def calls(client):
        response = await client.explain(base_url, model, {"instances": v1_instances(expected, size)})
        assert response["feature_names"] == expected.features
        for row, explanation in enumerate(response["explanations"]):
            assert set(explanation["contributions"]) == set(expected.features)
            margin = explanation["bias"] + sum(explanation["contributions"].values())
            assert 1 / (1 + math.exp(-margin)) == pytest.approx(float(expected.predictions[row]), abs=1e-5)
    v1(calls)
