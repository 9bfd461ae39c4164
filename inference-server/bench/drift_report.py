"""Merges drift.sh's two JSON results into the markdown of docs/benchmarks.md: cost side by side, then the scores."""
import json
import sys

ours = json.load(open(sys.argv[1]))
evidently = json.load(open(sys.argv[2]))
rows, features = ours["rows"], ours["features"]
record = ours["recordCpuSeconds"]
evaluation = ours["evaluationMicros"] / 1e6
print(f"{rows:,} rows x {features} numeric features, reference and current window; CPU seconds (robust to other load "
      f"on the machine), wall seconds for Evidently in brackets.\n")
print("| | CPU s | per row | vs this project |")
print("| --- | --- | --- | --- |")
print(f"| this project: record the current window online (DriftMonitor.record) | {record:.3f} | "
      f"{ours['recordNanosPerRow']:.0f} ns | |")
print(f"| this project: one evaluation, {features} features x 3 metrics (DriftMonitor.featureScore) | {evaluation:.6f} | | 1 |")
for method, report in evidently["reports"].items():
    print(f"| Evidently DataDriftPreset(method={method}) ({report['seconds']:.1f} s wall) | {report['cpuSeconds']:.1f} | | "
          f"{report['cpuSeconds'] / (record + evaluation):,.0f}x record+evaluation, "
          f"{report['cpuSeconds'] / evaluation:,.0f}x evaluation |")
print(f"\nPeak RSS of the Evidently process: {evidently['peakRssMiB']:.0f} MiB; heap in use by the Java side after recording: "
      f"{ours['heapUsedMiB']} MiB (the rows themselves included).\n")

print("| feature | PSI (ours) | PSI (Evidently, our bins) | PSI (Evidently, its bins) | JS bits (ours) | JS bits (Evidently, our bins) "
      "| KS (ours, binned) | KS exact (scipy) | KS p-value (Evidently) |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
worst_psi = worst_js = 0.0
for name, s in ours["scores"].items():
    e = evidently["scores"][name]
    worst_psi = max(worst_psi, abs(s["psi"] - e["psiOnProjectBins"]))
    worst_js = max(worst_js, abs(s["jensenShannon"] - e["jensenShannonBitsOnProjectBins"]))
    if s["ks"] > e["ksExactStatistic"] + 1e-9:
        raise SystemExit(f"{name}: binned KS {s['ks']} above the exact statistic {e['ksExactStatistic']}")
    print(f"| {name} | {s['psi']:.5f} | {e['psiOnProjectBins']:.5f} | {evidently['reports']['psi']['scores'][name]:.5f} | "
          f"{s['jensenShannon']:.6f} | {e['jensenShannonBitsOnProjectBins']:.6f} | {s['ks']:.5f} | {e['ksExactStatistic']:.5f} | "
          f"{evidently['reports']['ks']['scores'][name]:.3g} |")
print(f"\nOn the same bins the scores agree: largest difference {worst_psi:.1e} (PSI), {worst_js:.1e} (Jensen-Shannon); "
      f"the binned KS is never above the exact statistic.")
