"""Fixtures of the client compatibility suite (docs/protocol.md).

The suite runs against a server someone else started: ClientCompatibilityIT (./mlops test) starts the packaged
server and sets
  MLOPS_HTTP_URL   host:port of the HTTP API, e.g. 127.0.0.1:8080
  MLOPS_GRPC_URL   host:port of the gRPC API, e.g. 127.0.0.1:8081
  MLOPS_MODEL      the model served
  MLOPS_EXPECTED   a JSON file: features, categories (of the categorical features, by code), rows (in feature
                   order, categories as codes, NaN for missing) and the predictions the server gave for them in JSON.
"""
import json
import os

import numpy as np
import pytest


def _env(name):
    value = os.environ.get(name)
    if not value:
        pytest.exit(f"{name} is not set; run the suite through ClientCompatibilityIT or set it by hand", returncode=2)
    return value


class Expected:
    """The rows and the predictions the server must give for them, in the shapes clients send."""

    def __init__(self, document):
        self.features = document["features"]
        self.categories = document["categories"]
        self.rows = np.array(document["rows"], dtype=np.float32)
        self.predictions = np.array(document["predictions"], dtype=np.float32)

    def batch(self, size):
        """The first `size` rows as one FP32 tensor [rows, features], categories as codes."""
        return self.rows[:size]

    def columns(self, size):
        """The first `size` rows as one array per feature, categorical ones as UTF-8 category names."""
        columns = {}
        for index, name in enumerate(self.features):
            values = self.rows[:size, index]
            if name in self.categories:
                names = self.categories[name]
                columns[name] = np.array([names[int(code)].encode() for code in values], dtype=np.object_)
            else:
                columns[name] = values
        return columns

    def assert_predictions(self, actual, size):
        """What a client got equals what the server answered in JSON (both are the server's FP32 values)."""
        np.testing.assert_array_equal(np.asarray(actual, dtype=np.float32).reshape(-1), self.predictions[:size])


@pytest.fixture(scope="session")
def http_url():
    return _env("MLOPS_HTTP_URL")


@pytest.fixture(scope="session")
def grpc_url():
    return _env("MLOPS_GRPC_URL")


@pytest.fixture(scope="session")
def model():
    return _env("MLOPS_MODEL")


@pytest.fixture(scope="session")
def expected():
    with open(_env("MLOPS_EXPECTED"), encoding="utf-8") as file:
        return Expected(json.load(file))
