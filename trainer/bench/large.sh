#!/usr/bin/env bash
# A large Parquet source prepared in a small heap: ROWS x FEATURES (default 10,000,000 x 20) of GenerateData's table,
# written as Parquet (pyarrow, snappy, in batches), prepared by the packaged trainer with -Xmx$HEAP (default 2g):
# rows/s, the passes over the source, peak RSS (/usr/bin/time) and the peak heap in use (the largest before-GC size
# in the JVM's GC log). Writes docs/benchmarks/large.md. Run it alone: flock /tmp/heavy.lock trainer/bench/large.sh
#
# Not part of ./mvnw verify. Needs: java 17, python3 with venv, network to PyPI on the first run only, and about
# 3 GB free in TMPDIR for the generated CSV (deleted once converted), the Parquet file and the snapshot.
set -euo pipefail

ROWS=${ROWS:-10000000}
FEATURES=${FEATURES:-20}
HEAP=${HEAP:-2g}
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
OUT=${OUT:-$REPO/docs/benchmarks/large.md}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/large-bench.XXXXXX")
[[ -n ${KEEP_WORK:-} ]] || trap 'rm -rf "$WORK"' EXIT
ensure_trainer
ensure_pandas

log "generating $ROWS rows x $FEATURES features in $WORK"
java "$REPO/trainer/bench/GenerateData.java" "$ROWS" "$FEATURES" 1 "$WORK/data.csv"
log "converting to Parquet (pyarrow, snappy, streamed in batches)"
"$VENV/bin/python" - "$WORK" <<'PY'
import sys
import pyarrow.csv as csv
import pyarrow.parquet as pq
work = sys.argv[1]
reader = csv.open_csv(f"{work}/data.csv")
with pq.ParquetWriter(f"{work}/data.parquet", reader.schema, compression="snappy") as writer:
    for batch in reader:
        writer.write_batch(batch)
PY
rm "$WORK/data.csv"

write_spec "$WORK/spec.json" "$WORK/data.parquet" parquet "$FEATURES"
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
log "java prepare data.parquet (-Xmx$HEAP)"
/usr/bin/time -f '%e %M' -o "$WORK/time" java "-Xmx$HEAP" "-Xlog:gc:file=$WORK/gc.log" -jar "$JAR" prepare \
  --spec "$WORK/spec.json" --name bench-large --store "$WORK/store" --termination-log "$WORK/result.json" \
  | tee "$WORK/prepare.log" >&2
LOAD_END=$(cut -d' ' -f1 /proc/loadavg)
export ROWS FEATURES HEAP LOAD_START LOAD_END

mkdir -p "$(dirname "$OUT")"
python3 - "$WORK" "$OUT" <<'PY'
import datetime, json, os, platform, re, sys
work, out = sys.argv[1], sys.argv[2]
result = json.load(open(f"{work}/result.json"))
assert result["success"], result
wall, kib = open(f"{work}/time").read().split()
wall, rss = float(wall), int(kib) / 1024
heap = max(int(m.group(1)) for m in re.finditer(r"(\d+)M->\d+M\(\d+M\)", open(f"{work}/gc.log").read()))
log = open(f"{work}/prepare.log").read()
passes = 2 + len(re.findall(r"pass \d+: narrowed", log))
rows = result["rows"]
size = os.path.getsize(f"{work}/data.parquet") / 1e6
text = f"""# A large Parquet source in a small heap

{rows:,} rows x {os.environ['FEATURES']} numeric features (trainer/bench/GenerateData: Gaussian features with 5
decimals, 1 % missing in one), written as one Parquet file (pyarrow, snappy; {size:,.0f} MB), prepared by the packaged
trainer with `-Xmx{os.environ['HEAP']}`: read, validate, split, profile and write the snapshot (three CSV splits).

Reproduce: `flock /tmp/heavy.lock trainer/bench/large.sh` (writes this file; `ROWS`, `FEATURES`, `HEAP`, `OUT` override
the defaults; `REBUILD=1` repackages the trainer).

| rows | passes over the source | whole prepare | rows/s | peak heap in use | peak RSS |
| --- | --- | --- | --- | --- | --- |
| {rows:,} | {passes} | {wall:,.1f} s | **{rows / wall:,.0f}** | {heap:,} MiB | {rss:,.0f} MiB |

The peak heap in use is the largest heap occupancy before a collection in the JVM's GC log (`-Xlog:gc`): what the
prepare needed at most, garbage included; the JVM grows the heap towards `-Xmx` before it collects, so it is an upper
bound. Peak RSS adds the JVM itself and the Parquet reader's native buffers. Measured
{datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} on {os.cpu_count()} cores ({platform.machine()}),
load average {os.environ['LOAD_START']} at the start and {os.environ['LOAD_END']} at the end (a shared machine).
"""
open(out, "w").write(text)
print(text)
PY
