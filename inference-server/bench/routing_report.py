"""Reads the wrk outputs routing.sh kept and prints the markdown table of docs/benchmarks/inference.md."""
import json
import pathlib
import sys

from report import parse

RUNS = [("baseline", "BASELINE_JAR, no routing (the build compared with)"),
        ("local", "stable, no routing (answers locally)"),
        ("shadow", "stable, 100% shadow to the canary"),
        ("canary-direct", "canary answering locally (the hop's baseline)"),
        ("forwarded", "stable forwarding 100% to the canary (one extra hop)")]


def main(out):
    out = pathlib.Path(out)
    print("| run | connections | req/s | p50 ms | p99 ms | non-2xx |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, label in RUNS:
        if not (out / f"{name}-c1.txt").exists():
            continue
        for c in (1, 16):
            r = parse(out / f"{name}-c{c}.txt")
            print(f"| {label} | {c} | {r['rps']:,.0f} | {r['p50']:.3f} | {r['p99']:.3f} | {r['non2xx']} |"
                  + (f" {r['errors']}" if r["errors"] else ""))
    shadow = json.loads((out / "shadow-routing.json").read_text())["shadow"]
    forward = json.loads((out / "forward-routing.json").read_text())["requests"]
    print()
    print(f"Shadow run: {shadow['mirrored']:,} mirrored, {shadow['compared']:,} compared, {shadow['dropped']:,} dropped"
          f" over the in-flight bound, {shadow['failed']:,} failed; agreement "
          f"{shadow['agreeingRows'] / max(shadow['rows'], 1):.4f}.")
    print(f"Forward run: {forward['forwarded']:,} forwarded, {forward['fallback']:,} fell back, {forward['local']:,} local.")


if __name__ == "__main__":
    main(sys.argv[1])
