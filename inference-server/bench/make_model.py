"""Makes the benchmark model: 100 trees, 20 numeric features, binary, as in DESIGN.md's anchors.

Writes model.json (XGBoost's JSON format, which this server, KServe and MLServer all load), manifest.json and
profile.json per the artifact contract, and request.json (one V2 row) into the directory given.
"""
import hashlib
import json
import pathlib
import sys

import numpy as np
import xgboost as xgb

FEATURES = [f"f{i}" for i in range(20)]


def numeric_profile(name, values, bins=10):
    edges = np.unique(np.quantile(values, np.linspace(0, 1, bins + 1)[1:-1]))
    counts = np.bincount(np.searchsorted(edges, values, side="right"), minlength=len(edges) + 1)
    return {"name": name, "type": "numeric", "missingRate": 0.0, "binEdges": [float(e) for e in edges],
            "frequencies": [float(c) / len(values) for c in counts],
            "mean": float(np.mean(values)), "stddev": float(np.std(values))}


def main(out_dir):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(11)
    x = rng.normal(size=(5000, len(FEATURES))).astype(np.float32)
    y = (x[:, :5].sum(axis=1) + 0.5 * rng.normal(size=len(x)) > 0).astype(np.float32)
    booster = xgb.train({"objective": "binary:logistic", "max_depth": 6, "eta": 0.1, "nthread": 1, "seed": 3},
                        xgb.DMatrix(x, label=y), num_boost_round=100)
    model_file = out / "model.json"
    booster.save_model(str(model_file))
    predictions = booster.predict(xgb.DMatrix(x))
    digest = "sha256:" + hashlib.sha256(x.tobytes()).hexdigest()
    manifest = {
        "formatVersion": 1, "format": "xgboost", "modelFile": "model.json",
        "modelSha256": hashlib.sha256(model_file.read_bytes()).hexdigest(),
        "task": "binary", "numClasses": 2, "label": "y",
        "features": [{"name": f, "type": "numeric"} for f in FEATURES],
        "datasetDigest": digest, "createdBy": "inference-server/bench/make_model.py",
    }
    profile = {"formatVersion": 1, "datasetDigest": digest, "rows": len(x),
               "features": [numeric_profile(f, x[:, i]) for i, f in enumerate(FEATURES)]
               + [numeric_profile("_prediction", predictions)]}
    request = {"id": "bench", "inputs": [{"name": "input-0", "shape": [1, len(FEATURES)], "datatype": "FP32",
                           "data": [round(float(v), 4) for v in x[0]]}]}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    (out / "profile.json").write_text(json.dumps(profile, indent=2) + "\n")
    (out / "request.json").write_text(json.dumps(request) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
