"""Data for drift.sh: a reference and a current window of ROWS x 20 numeric features, seeded.

Half the features keep their distribution, half shift (mean or spread) by different amounts, so the scores range from
noise to clear drift. Writes current.f32 (row-major little-endian float32, what the Java side records), reference.npy
and current.npy (what Evidently reads), and the project's profile.json (deciles of the reference, the rule of
trainer/.../prepare/Profiler.java) and manifest.json, so both sides see the same data.
"""
import json
import sys

import numpy as np

rows = int(sys.argv[2])
out = sys.argv[1]
rng = np.random.default_rng(20261201)
FEATURES = 20


def column(j, n, current):
    """Feature j: normal, lognormal, uniform or exponential; odd features drift in the current window."""
    shift = 0.05 * (j // 2) if current and j % 2 == 1 else 0.0
    kind = j % 4
    if kind == 0:
        return rng.normal(shift, 1.0, n)
    if kind == 1:
        return rng.lognormal(shift, 0.5, n)
    if kind == 2:
        return rng.uniform(0.0, 1.0 + shift, n)
    return rng.exponential(1.0 + shift, n)


reference = np.column_stack([column(j, rows, False) for j in range(FEATURES)]).astype(np.float32)
current = np.column_stack([column(j, rows, True) for j in range(FEATURES)]).astype(np.float32)
np.save(f"{out}/reference.npy", reference)
np.save(f"{out}/current.npy", current)
current.astype("<f4").tofile(f"{out}/current.f32")

names = [f"f{j}" for j in range(FEATURES)]
features = []
for j, name in enumerate(names):
    ordered = np.sort(reference[:, j].astype(np.float64))
    edges = []
    for i in range(1, 10):  # deciles, as Profiler.decileEdges picks them
        edge = float(ordered[int(np.floor(i * (len(ordered) - 1) / 10))])
        if not edges or edge > edges[-1]:
            edges.append(edge)
    # bin 0 is (-inf, e1), bin i is [ei, ei+1): a value equal to an edge belongs to the bin above it
    bins = np.searchsorted(np.asarray(edges, dtype=np.float32), reference[:, j], side="right")
    frequencies = (np.bincount(bins, minlength=len(edges) + 1) / rows).tolist()
    features.append({"name": name, "type": "numeric", "missingRate": 0.0, "binEdges": edges, "frequencies": frequencies,
                     "mean": float(ordered.mean()), "stddev": float(ordered.std())})
with open(f"{out}/profile.json", "w") as f:
    json.dump({"formatVersion": 1, "datasetDigest": "sha256:" + "0" * 64, "rows": rows, "features": features}, f)
with open(f"{out}/manifest.json", "w") as f:
    json.dump({"formatVersion": 1, "format": "xgboost", "modelFile": "model.ubj", "modelSha256": "0" * 64, "task": "regression",
               "numClasses": 1, "label": "y", "features": [{"name": n, "type": "numeric"} for n in names]}, f)
