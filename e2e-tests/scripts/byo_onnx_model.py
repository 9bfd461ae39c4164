"""A model made outside the operator, the way a data scientist brings one: a scikit-learn pipeline exported to ONNX.

    byo_onnx_model.py <credit.csv> <output dir>

Trains SimpleImputer(median) -> StandardScaler -> LogisticRegression on the numeric columns of a credit CSV
(`mlops-trainer sample-data` writes one; a missing value is an empty field), exports it with skl2onnx and writes,
into the output directory:
- model.onnx: input `input` float[N, 6], outputs `label` and `probabilities` float[N, 2]. zipmap=False: skl2onnx
  otherwise returns the probabilities as a sequence of maps, which the inference server does not read.
- manifest.json: the artifact contract (docs/api.md, "Bring your own model"), without a profile.json: the drift
  baseline comes from a Dataset named in the ModelVersion's spec.baseline.
- expected.json: rows of the CSV (null where a value is missing) and scikit-learn's own predict_proba for them.
"""
import csv
import datetime
import hashlib
import json
import pathlib
import sys

import numpy as np
import onnx
import skl2onnx
import sklearn
from skl2onnx.common.data_types import FloatTensorType
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

FEATURES = ["limit_balance", "age", "pay_delay_1", "pay_delay_2", "bill_amount_1", "pay_amount_1"]
LABEL = "default"
EXPECTED_ROWS = 64


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r[c]) if r[c] != "" else np.nan for c in FEATURES] for r in rows], dtype=np.float32)
    y = np.array([int(r[LABEL]) for r in rows], dtype=np.int64)
    return x, y


def main(source, out_dir):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    x, y = read(source)
    cut = int(len(x) * 0.8)
    classifier = LogisticRegression(max_iter=1000)
    pipeline = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler()),
                         ("classify", classifier)]).fit(x[:cut], y[:cut])
    auc = float(roc_auc_score(y[cut:], pipeline.predict_proba(x[cut:])[:, 1]))

    exported = skl2onnx.to_onnx(pipeline, initial_types=[("input", FloatTensorType([None, len(FEATURES)]))],
                                options={id(classifier): {"zipmap": False}},
                                target_opset={"": 15, "ai.onnx.ml": 3})
    exported.ir_version = 8  # the ONNX Runtime DJL 0.36 bundles (1.21) reads IR versions up to 10
    onnx.checker.check_model(exported)
    model = exported.SerializeToString()
    (out / "model.onnx").write_bytes(model)

    manifest = {
        "formatVersion": 1,
        "format": "onnx",
        "modelFile": "model.onnx",
        "modelSha256": hashlib.sha256(model).hexdigest(),
        "task": "binary",
        "numClasses": 2,
        "label": LABEL,
        "features": [{"name": f, "type": "numeric"} for f in FEATURES],
        "metrics": {"auc": auc},
        "datasetDigest": "sha256:" + hashlib.sha256(pathlib.Path(source).read_bytes()).hexdigest(),
        "onnx": {"input": "input", "output": "probabilities", "outputIsProba": True},
        "createdAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "createdBy": f"byo_onnx_model.py (scikit-learn {sklearn.__version__}, skl2onnx {skl2onnx.__version__})",
    }
    # The held-out rows, with the missing values among them first, so the imputer's export is checked too.
    held_out = np.arange(cut, len(x))
    missing = held_out[np.isnan(x[held_out]).any(axis=1)]
    rows = np.concatenate([missing[:8], held_out[~np.isin(held_out, missing)]])[:EXPECTED_ROWS]
    expected = {
        "features": FEATURES,
        "rows": [[None if np.isnan(v) else float(v) for v in x[r]] for r in rows],
        "probabilities": [float(p) for p in pipeline.predict_proba(x[rows])[:, 1]],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    (out / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")
    print(f"[byo-onnx] wrote {out}: model.onnx {len(model)} bytes, sha256 {manifest['modelSha256']}, "
          f"held-out AUC {auc:.4f}, {len(rows)} expected rows ({min(len(missing), 8)} with a missing value)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
