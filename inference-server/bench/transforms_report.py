"""Reads what transforms.sh kept and prints the with / without transforms table of docs/benchmarks/inference.md."""
import json
import pathlib
import re
import sys

from report import parse

VARIANTS = {"raw": "raw rows, the server computes the transforms (format 2)",
            "engineered": "engineered features sent, no transforms (format 1, same trees)"}


def transform_ns(out, size):
    return float(re.search(r"transform_cpu_ns_per_row ([\d.]+)", (out / f"transform-cost-{size}.txt").read_text()).group(1))


def server_cpu_us_per_row(out, name, size):
    """The server process's CPU time during a run (user + system), per row answered."""
    ticks = int((out / f"{name}.cpu").read_text())
    requests = int(re.search(r"(\d+) requests in", (out / f"{name}.txt").read_text()).group(1))
    return ticks * 1e6 / int((out / "clock-ticks").read_text()) / (requests * size)


def main(out):
    out = pathlib.Path(out)
    rows_per_s, cpu = {}, {}
    print("| requests carry | round | rows/request | req/s | rows/s | p50 ms | p99 ms | non-2xx | server CPU µs/row |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in (1, 64):
        for variant, label in VARIANTS.items():
            for round_ in (1, 2):
                name = f"{variant}-{round_}-rows{size}"
                r = parse(out / f"{name}.txt")
                rows_per_s.setdefault((variant, size), []).append(r["rps"] * size)
                cpu.setdefault((variant, size), []).append(server_cpu_us_per_row(out, name, size))
                print(f"| {label} | {round_} | {size} | {r['rps']:,.0f} | {r['rps'] * size:,.0f} | {r['p50']:.3f} "
                      f"| {r['p99']:.3f} | {r['non2xx']} | {cpu[(variant, size)][-1]:.1f} |")
    print()
    for size in (1, 64):
        raw, engineered = (sum(rows_per_s[(v, size)]) / 2 for v in ("raw", "engineered"))
        raw_cpu, engineered_cpu = (sum(cpu[(v, size)]) / 2 for v in ("raw", "engineered"))
        print(f"- {size} row(s) per request, 16 connections: {raw:,.0f} rows/s with transforms against {engineered:,.0f} "
              f"without, **{raw / engineered:.2f}x**; server CPU {raw_cpu:.1f} against {engineered_cpu:.1f} µs per row, "
              f"**{raw_cpu / engineered_cpu:.2f}x** (means of both rounds)")
    print(f"- the transform step alone, in process (TransformCost.java, 1,000 rows): "
          f"**{transform_ns(out, 1000):.1f} ns of CPU per row**")
    same = all(json.load(open(out / f"raw-{r}-answer.json"))["predictions"]
               == json.load(open(out / f"engineered-{r}-answer.json"))["predictions"] for r in (1, 2))
    print(f"- the 64-row answers of both variants are identical: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main(sys.argv[1])
