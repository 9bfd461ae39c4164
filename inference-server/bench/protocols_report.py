"""Reads protocols.sh's outputs (wrk for HTTP, grpc_batch.py rows for gRPC) and prints the markdown table."""
import pathlib
import re
import sys

from report import parse

ROWS = 1000
out = pathlib.Path(sys.argv[1])


def result(server, transport, c):
    path = out / f"{server}-{transport}-c{c}.txt"
    if transport == "grpc":
        cells = [cell.strip() for cell in path.read_text().strip().strip("|").split("|")]
        return {"rows": float(cells[2].replace(",", "")), "p50": float(cells[3]), "p99": float(cells[4]), "non2xx": 0}
    r = parse(path)
    return {"rows": r["rps"] * ROWS, "p50": r["p50"], "p99": r["p99"], "non2xx": r["non2xx"]}


print("| transport | in flight | this server rows/s | p50 / p99 ms | KServe rows/s | p50 / p99 ms | ratio | non-2xx (ours, KServe) |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for transport, label in (("json", "V2 JSON"), ("binary", "V2 binary tensors"), ("grpc", "gRPC, raw FP32")):
    for c in (1, 16):
        ours, theirs = result("mlops", transport, c), result("kserve", transport, c)
        print(f"| {label} | {c} | {ours['rows']:,.0f} | {ours['p50']:.2f} / {ours['p99']:.2f} | {theirs['rows']:,.0f} "
              f"| {theirs['p50']:.2f} / {theirs['p99']:.2f} | **{ours['rows'] / theirs['rows']:.1f}x** "
              f"| {ours['non2xx']}, {theirs['non2xx']} |")
