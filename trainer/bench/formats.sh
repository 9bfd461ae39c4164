#!/usr/bin/env bash
# Prepare rows/s by source format: the same ROWS x FEATURES table (default 1,000,000 x 20, trainer/bench/GenerateData)
# as CSV, CSV.gz, JSON Lines and Parquet (the last two written by pandas + pyarrow, as users' tools write them),
# prepared by the packaged trainer in a HEAP heap; beside it, pandas + pyarrow reading and profiling (missing
# rates, deciles, mean, standard deviation per feature) the same files, in the same run. Writes
# docs/benchmarks/formats.md. Run it alone: flock /tmp/heavy.lock trainer/bench/formats.sh
#
# Not part of ./mvnw verify. Needs: java 17, python3 with venv, network to PyPI on the first run only.
set -euo pipefail

ROWS=${ROWS:-1000000}
FEATURES=${FEATURES:-20}
HEAP=${HEAP:-2g}
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
OUT=${OUT:-$REPO/docs/benchmarks/formats.md}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/formats-bench.XXXXXX")
[[ -n ${KEEP_WORK:-} ]] || trap 'rm -rf "$WORK"' EXIT
ensure_trainer
ensure_pandas

log "generating $ROWS rows x $FEATURES features in $WORK"
java "$REPO/trainer/bench/GenerateData.java" "$ROWS" "$FEATURES" 1 "$WORK/data.csv"
log "writing CSV.gz, JSON Lines (pandas) and Parquet (pyarrow, snappy)"
"$VENV/bin/python" - "$WORK" <<'PY'
import gzip, shutil, sys
import pandas as pd
work = sys.argv[1]
with open(f"{work}/data.csv", "rb") as src, gzip.open(f"{work}/data.csv.gz", "wb", compresslevel=6) as dst:
    shutil.copyfileobj(src, dst)
frame = pd.read_csv(f"{work}/data.csv")
frame.to_json(f"{work}/data.jsonl", orient="records", lines=True)
frame.to_parquet(f"{work}/data.parquet", engine="pyarrow", compression="snappy", index=False)
PY

LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
for file in data.csv data.csv.gz data.jsonl data.parquet; do
  case $file in *.parquet) format=parquet ;; *.jsonl*) format=jsonl ;; *) format=csv ;; esac
  write_spec "$WORK/$file.spec.json" "$WORK/$file" "$format" "$FEATURES"
  log "java prepare $file (-Xmx$HEAP)"
  /usr/bin/time -f '%e %M' -o "$WORK/$file.time" java "-Xmx$HEAP" -jar "$JAR" prepare --spec "$WORK/$file.spec.json" \
    --name "bench-${file//./-}" --store "$WORK/store" --termination-log "$WORK/$file.json" > "$WORK/$file.log"
  log "pandas + pyarrow read and profile $file"
  /usr/bin/time -f '%e %M' -o "$WORK/$file.py.time" "$VENV/bin/python" - "$WORK/$file" > "$WORK/$file.py.json" <<'PY'
import json, sys, time
import pandas as pd
path = sys.argv[1]
start = time.perf_counter()
if path.endswith(".parquet"):
    frame = pd.read_parquet(path, engine="pyarrow")
elif ".jsonl" in path:
    frame = pd.read_json(path, lines=True)
else:
    frame = pd.read_csv(path)
read = time.perf_counter() - start
features = frame.drop(columns=["label"])
profile = {"missing": features.isna().mean().to_dict(), "deciles": features.quantile([i / 10 for i in range(1, 10)]).to_dict(),
           "mean": features.mean().to_dict(), "std": features.std(ddof=0).to_dict()}
total = time.perf_counter() - start
print(json.dumps({"rows": len(frame), "read_seconds": read, "seconds": total, "pandas": pd.__version__,
                  "pyarrow": __import__("pyarrow").__version__}))
PY
done
LOAD_END=$(cut -d' ' -f1 /proc/loadavg)
export ROWS FEATURES HEAP LOAD_START LOAD_END

mkdir -p "$(dirname "$OUT")"
python3 - "$WORK" "$OUT" <<'PY'
import json, os, re, sys, datetime, platform
work, out = sys.argv[1], sys.argv[2]
def timed(name):
    seconds, kib = open(f"{work}/{name}").read().split()
    return float(seconds), int(kib) / 1024
def read_seconds(file):
    for line in open(f"{work}/{file}.log"):
        m = re.match(r"^\[\w+\s+([\d.]+)s\] read \d+ rows", line)
        if m:
            return float(m.group(1))
    raise SystemExit(f"no read line in {file}.log")
rows_out = []
for file in ["data.csv", "data.csv.gz", "data.jsonl", "data.parquet"]:
    result = json.load(open(f"{work}/{file}.json"))
    assert result["success"], result
    wall, mib = timed(f"{file}.time")
    py_wall, py_mib = timed(f"{file}.py.time")
    py = json.load(open(f"{work}/{file}.py.json"))
    rows = result["rows"]
    size = os.path.getsize(f"{work}/{file}") / 1e6
    rows_out.append(f"| {file.replace('data', '').lstrip('.')} | {size:,.0f} MB | {rows / read_seconds(file):,.0f} rows/s "
                    f"| **{rows / wall:,.0f} rows/s** ({wall:.1f} s, {mib:,.0f} MiB) | {rows / py['read_seconds']:,.0f} rows/s "
                    f"| {rows / py_wall:,.0f} rows/s ({py_wall:.1f} s, {py_mib:,.0f} MiB) | {py_wall / wall:.2f} |")
table = f"""# Prepare by source format

The same {int(os.environ['ROWS']):,} rows x {os.environ['FEATURES']} numeric features (trainer/bench/GenerateData: Gaussian
features with 5 decimals, 1 % missing in one) as CSV, gzip CSV (level 6), JSON Lines (pandas `to_json(lines=True)`)
and Parquet (pyarrow, snappy), prepared by the packaged trainer in a {os.environ['HEAP']} heap (read, validate, split,
profile, write the snapshot), beside pandas {py['pandas']} + pyarrow {py['pyarrow']} reading each file and profiling it
(missing rate, deciles, mean and standard deviation per feature: what the trainer's profile holds), in the same run.

Reproduce: `flock /tmp/heavy.lock trainer/bench/formats.sh` (writes this file; `ROWS`, `FEATURES`, `HEAP`, `OUT`
override the defaults; `REBUILD=1` repackages the trainer).

| format | size | trainer: read rows/s | trainer: whole prepare | pandas: read rows/s | pandas: read + profile | pandas time / trainer time |
| --- | --- | --- | --- | --- | --- | --- |
""" + "\n".join(rows_out) + f"""

The trainer's read rate is from its progress line after the source is read and its type rules checked (JVM start
included); the whole prepare also validates, splits, profiles and writes three CSV splits, which pandas does not do.
Each side's time is its whole process (`/usr/bin/time`; peak RSS beside it). Measured
{datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} on {os.cpu_count()} cores ({platform.machine()}),
load average {os.environ['LOAD_START']} at the start and {os.environ['LOAD_END']} at the end (a shared machine: absolute
figures are noisy, the sides ran back to back).
"""
open(out, "w").write(table)
print(table)
PY
