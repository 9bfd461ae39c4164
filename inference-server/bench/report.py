"""Reads the wrk outputs run.sh kept and prints the markdown table of docs/benchmarks/inference.md."""
import pathlib
import re
import sys

SERVERS = [("mlops", "mlops inference-server (Java, tree-ensemble fast path)"),
           ("kserve", "KServe Python model server (kserve.Model + xgboost)"),
           ("mlserver", "MLServer + mlserver-xgboost")]
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def parse(path):
    text = path.read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    latency = {p: float(v) * UNITS[u] for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors:.*", text)
    return {"rps": rps, "p50": latency["50"], "p99": latency["99"], "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "errors": errors.group(0) if errors else ""}


def main(out):
    out = pathlib.Path(out)
    results = {(name, c): parse(out / f"{name}-c{c}.txt") for name, _ in SERVERS for c in (1, 16)}
    print("| server | connections | req/s | p50 ms | p99 ms | non-2xx | vs KServe | vs MLServer |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, label in SERVERS:
        for c in (1, 16):
            r = results[(name, c)]
            vs_kserve = r["rps"] / results[("kserve", c)]["rps"]
            vs_mlserver = r["rps"] / results[("mlserver", c)]["rps"]
            print(f"| {label} | {c} | {r['rps']:,.0f} | {r['p50']:.3f} | {r['p99']:.3f} | {r['non2xx']} "
                  f"| {vs_kserve:.1f}x | {vs_mlserver:.1f}x |" + (f" {r['errors']}" if r["errors"] else ""))


if __name__ == "__main__":
    main(sys.argv[1])
