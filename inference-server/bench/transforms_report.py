"""Reads what transforms.sh kept and prints the with / without transforms table of docs/benchmarks/inference.md."""
import json
import pathlib
import re
import sys

from report import parse

VARIANTS = {"raw": "raw rows, the server computes the transforms (format 2)",
            "engineered": "engineered features sent, no transforms (format 1, same trees)"}


def transform_ns(out, size):
    return float(re.search(r"transform_ns_per_row ([\d.]+)", (out / f"transform-cost-{size}.txt").read_text()).group(1))


def main(out):
    out = pathlib.Path(out)
    runs = {}
    print("| requests carry | round | rows/request | req/s | rows/s | p50 ms | p99 ms | non-2xx |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in (1, 64):
        for variant, label in VARIANTS.items():
            for round_ in (1, 2):
                r = parse(out / f"{variant}-{round_}-rows{size}.txt")
                runs.setdefault((variant, size), []).append(r["rps"] * size)
                print(f"| {label} | {round_} | {size} | {r['rps']:,.0f} | {r['rps'] * size:,.0f} | {r['p50']:.3f} "
                      f"| {r['p99']:.3f} | {r['non2xx']} |")
    print()
    for size in (1, 64):
        raw = sum(runs[("raw", size)]) / 2
        engineered = sum(runs[("engineered", size)]) / 2
        print(f"- {size} row(s) per request, 16 connections: {raw:,.0f} rows/s with transforms against {engineered:,.0f} "
              f"without, **{raw / engineered:.2f}x** (mean of both rounds)")
    print(f"- the transform step alone, in process (TransformCost.java, 1,000 rows): "
          f"**{transform_ns(out, 1000):.1f} ns per row**")
    same = all(json.load(open(out / f"raw-{r}-answer.json"))["predictions"]
               == json.load(open(out / f"engineered-{r}-answer.json"))["predictions"] for r in (1, 2))
    print(f"- the 64-row answers of both variants are identical: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main(sys.argv[1])
