"""A minimal KServe model server for an XGBoost model, as KServe's own xgbserver does it: kserve.Model,
a Booster, DMatrix from the V2 input tensor, one thread. Usage: kserve_xgboost.py MODEL_FILE NAME PORT; with KSERVE_GRPC_PORT set, gRPC too (protocols.sh)."""
import os
import sys

import kserve
import xgboost as xgb
from kserve import InferOutput, InferRequest, InferResponse


class XGBoostModel(kserve.Model):
    def __init__(self, name, model_file):
        super().__init__(name)
        self.model_file = model_file
        self.booster = None

    def load(self):
        self.booster = xgb.Booster(params={"nthread": 1}, model_file=self.model_file)
        self.ready = True
        return self.ready

    def predict(self, payload: InferRequest, headers=None, response_headers=None):
        rows = payload.inputs[0].as_numpy()
        result = self.booster.predict(xgb.DMatrix(rows, nthread=1))
        output = InferOutput(name="predict", shape=list(result.shape), datatype="FP32", data=result.tolist())
        return InferResponse(model_name=self.name, infer_outputs=[output], response_id=payload.id or "")


if __name__ == "__main__":
    model = XGBoostModel(sys.argv[2], sys.argv[1])
    model.load()
    grpc_port = os.environ.get("KSERVE_GRPC_PORT")
    kserve.ModelServer(http_port=int(sys.argv[3]), workers=1, enable_grpc=grpc_port is not None,
                       grpc_port=int(grpc_port or 8081)).start([model])
