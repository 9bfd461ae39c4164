"""Makes the ONNX test artifact: a small scikit-learn gradient-boosted classifier exported with skl2onnx.

Run once (see src/test/resources/artifacts/README.md); the output is committed, so builds need no Python.
Writes model.onnx, manifest.json and profile.json per the artifact contract, plus expected.json: rows and
the probabilities onnxruntime (Python) computed for them, which the Java tests compare DJL's answers to.
"""
import datetime
import hashlib
import json
import pathlib
import sys

import numpy as np
import onnx
import onnxruntime
import skl2onnx
import sklearn
from skl2onnx import to_onnx
from sklearn.ensemble import GradientBoostingClassifier

FEATURES = ["tenure_months", "monthly_charges", "support_calls", "usage_gb"]
SEED = 7
BIN_COUNT = 10


def make_data(rows, rng):
    tenure = rng.integers(1, 72, rows).astype(np.float32)
    charges = rng.normal(70, 20, rows).astype(np.float32)
    calls = rng.poisson(2, rows).astype(np.float32)
    usage = rng.gamma(2.0, 10.0, rows).astype(np.float32)
    x = np.stack([tenure, charges, calls, usage], axis=1)
    logit = -0.05 * tenure + 0.03 * (charges - 70) + 0.6 * (calls - 2) - 0.02 * usage
    y = (rng.random(rows) < 1 / (1 + np.exp(-logit))).astype(np.int64)
    return x, y


def numeric_profile(name, values):
    edges = np.unique(np.quantile(values, np.linspace(0, 1, BIN_COUNT + 1)[1:-1]))
    bins = np.searchsorted(edges, values, side="right")
    counts = np.bincount(bins, minlength=len(edges) + 1)
    return {
        "name": name,
        "type": "numeric",
        "missingRate": 0.0,
        "binEdges": [float(e) for e in edges],
        "frequencies": [float(c) / len(values) for c in counts],
        "mean": float(np.mean(values)),
        "stddev": float(np.std(values)),
    }


def main(out_dir):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    x, y = make_data(2000, rng)
    model = GradientBoostingClassifier(n_estimators=20, max_depth=3, random_state=SEED).fit(x, y)

    onx = to_onnx(model, x[:1], options={"zipmap": False}, target_opset={"": 15, "ai.onnx.ml": 3})
    onx.ir_version = 8  # ONNX Runtime 1.21 (the one DJL 0.36 bundles) reads IR versions up to 10
    model_bytes = onx.SerializeToString()
    (out / "model.onnx").write_bytes(model_bytes)

    session = onnxruntime.InferenceSession(model_bytes)
    input_name = session.get_inputs()[0].name
    proba = session.run(["probabilities"], {input_name: x})[0][:, 1]
    accuracy = float(np.mean((proba >= 0.5) == y))

    data_digest = "sha256:" + hashlib.sha256(x.tobytes() + y.tobytes()).hexdigest()
    manifest = {
        "formatVersion": 1,
        "format": "onnx",
        "modelFile": "model.onnx",
        "modelSha256": hashlib.sha256(model_bytes).hexdigest(),
        "task": "binary",
        "numClasses": 2,
        "label": "churned",
        "features": [{"name": f, "type": "numeric", "allowMissing": False} for f in FEATURES],
        "metrics": {"accuracy": accuracy},
        "datasetDigest": data_digest,
        "onnx": {"input": input_name, "output": "probabilities", "outputIsProba": True},
        "createdAt": datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc).isoformat(),
        "createdBy": f"make_onnx_model.py (scikit-learn {sklearn.__version__}, skl2onnx {skl2onnx.__version__})",
    }
    profile = {
        "formatVersion": 1,
        "datasetDigest": data_digest,
        "rows": len(x),
        "features": [numeric_profile(f, x[:, i]) for i, f in enumerate(FEATURES)]
        + [numeric_profile("_prediction", proba)],
    }
    sample = x[:8]
    expected = {
        "rows": [[float(v) for v in row] for row in sample],
        "probabilities": [float(p) for p in session.run(["probabilities"], {input_name: sample})[0][:, 1]],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    (out / "profile.json").write_text(json.dumps(profile, indent=2) + "\n")
    (out / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")
    onnx.checker.check_model(onx)
    print(f"wrote {out}: {len(model_bytes)} bytes, accuracy {accuracy:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
