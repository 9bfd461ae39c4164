"""Reads the wrk outputs logging.sh kept and prints the logging off / on table of docs/benchmarks/inference.md."""
import pathlib
import re
import sys

from report import parse


def lines_written(path):
    match = re.search(r'mlops_prediction_log_written_total\{[^}]*type="prediction"[^}]*\} ([\d.E+]+)', path.read_text())
    return float(match.group(1)) if match else 0.0


def dropped(path):
    return sum(float(v) for v in re.findall(r'mlops_prediction_log_dropped_total\{[^}]*\} ([\d.E+]+)', path.read_text()))


def main(out):
    out = pathlib.Path(out)
    print("| logging | round | connections | req/s | p50 ms | p99 ms | non-2xx | lines written | dropped |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for c in (1, 16):
        for mode in ("off", "on"):
            for round_ in (1, 2):
                r = parse(out / f"{mode}-{round_}-c{c}.txt")
                metrics = out / f"{mode}-{round_}-metrics.txt"
                written = f"{lines_written(metrics):,.0f}" if mode == "on" else "-"
                lost = f"{dropped(metrics):,.0f}" if mode == "on" else "-"
                print(f"| {mode} | {round_} | {c} | {r['rps']:,.0f} | {r['p50']:.3f} | {r['p99']:.3f} | {r['non2xx']} "
                      f"| {written} | {lost} |")


if __name__ == "__main__":
    main(sys.argv[1])
