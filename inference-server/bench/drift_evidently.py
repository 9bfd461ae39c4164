"""Evidently's side of drift.sh: the same reference and current windows through Evidently's data drift Report, once
per method (psi, ks, jensenshannon), timed; then Evidently's own PSI and Jensen-Shannon on the project's bins (the
reference deciles of profile.json), where the two must agree, and scipy's exact KS statistic. Prints JSON."""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from evidently import Report
from evidently.presets import DataDriftPreset
from evidently.legacy.calculations.stattests.jensenshannon import _jensenshannon
from evidently.legacy.calculations.stattests.psi import _psi
from evidently.legacy.core import ColumnType

out = sys.argv[1]
reference = np.load(f"{out}/reference.npy")
current = np.load(f"{out}/current.npy")
names = [f"f{j}" for j in range(reference.shape[1])]
ref_df = pd.DataFrame(reference, columns=names)
cur_df = pd.DataFrame(current, columns=names)
profile = json.load(open(f"{out}/profile.json"))

result = {"rows": len(reference), "features": len(names), "reports": {}, "scores": {}}
for method in ("psi", "ks", "jensenshannon"):
    started, cpu_started = time.perf_counter(), time.process_time()
    snapshot = Report([DataDriftPreset(method=method)]).run(cur_df, ref_df)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    values = {}
    for metric in snapshot.dict()["metrics"]:
        column = metric.get("config", {}).get("column")
        if column in names and isinstance(metric.get("value"), (int, float)):
            values[column] = float(metric["value"])
    result["reports"][method] = {"seconds": seconds, "cpuSeconds": cpu_seconds, "scores": values}

for j, name in enumerate(names):
    edges = np.asarray(profile["features"][j]["binEdges"], dtype=np.float32)
    ref_bins = pd.Series(np.searchsorted(edges, reference[:, j], side="right"))
    cur_bins = pd.Series(np.searchsorted(edges, current[:, j], side="right"))
    psi, _ = _psi(ref_bins, cur_bins, ColumnType.Categorical, 0.1)
    js_distance, _ = _jensenshannon(ref_bins, cur_bins, ColumnType.Categorical, 0.1, base=2)
    result["scores"][name] = {
        "psiOnProjectBins": float(psi),
        "jensenShannonBitsOnProjectBins": float(js_distance) ** 2,
        "ksExactStatistic": float(stats.ks_2samp(reference[:, j], current[:, j]).statistic),
    }
result["peakRssMiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result, indent=1))
