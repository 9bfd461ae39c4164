#!/usr/bin/env bash
# Multi-worker benchmark: the packaged trainer on ROWS x FEATURES (default 1,000,000 x 20) as one process with
# THREADS threads, then as 2 worker processes (XGBoost's collective, worker 0 hosting the tracker) with THREADS/2
# threads each, on the same snapshot and parameters: time, AUC and each process's peak resident memory (VmHWM, as
# /usr/bin/time reports it), which shows what a worker reading only its shard saves. Replaces the section "## Two workers" of
# docs/benchmarks/trainer.md (appends it the first time).
#
#   flock /tmp/heavy.lock trainer/bench/workers.sh
#
# Not part of ./mvnw verify. Needs: java 17, python3.
set -euo pipefail

ROWS=${ROWS:-1000000}
FEATURES=${FEATURES:-20}
THREADS=${THREADS:-2}
HEAP=${HEAP:-2g}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$REPO/docs/benchmarks/trainer.md}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/workers-bench.XXXXXX")
[[ -n ${KEEP_WORK:-} ]] || trap 'rm -rf "$WORK"' EXIT
JAR=$REPO/trainer/target/mlops-trainer.jar
log() { printf '[workers-bench] %s\n' "$*" >&2; }

[[ -f $JAR ]] || (cd "$REPO" && ./mvnw -q -pl trainer -am package -DskipTests)
log "generating $ROWS rows x $FEATURES features and preparing a snapshot in $WORK"
java "$REPO/trainer/bench/GenerateData.java" "$ROWS" "$FEATURES" 1 "$WORK/data.csv"
FEATURE_LIST=$(python3 -c "import json; print(json.dumps([{'name': f'f{j}', 'type': 'numeric'} for j in range($FEATURES)]))")
cat > "$WORK/dataset.json" <<JSON
{"source": {"uri": "$WORK/data.csv"}, "format": "csv",
 "schema": {"label": {"name": "label", "type": "binary"}, "features": $FEATURE_LIST},
 "split": {"testFraction": 0.2, "validationFraction": 0.1, "seed": 42},
 "validation": {"minRows": 1000, "maxMissingFraction": 0.05}}
JSON
java "-Xmx$HEAP" -jar "$JAR" prepare --spec "$WORK/dataset.json" --name bench --store "$WORK/store" \
  --termination-log "$WORK/prepare.json" > "$WORK/prepare.log"
SNAPSHOT=$(python3 -c "import json; print(json.load(open('$WORK/prepare.json'))['uri'])")
spec() { echo "{\"model\": \"bench\", \"hyperparameters\": {\"num_round\": \"200\", \"early_stopping_rounds\": \"10\", \"max_depth\": \"6\", \"eta\": \"0.1\", \"nthread\": \"$1\"}}"; }
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)

log "one process, $THREADS threads"
/usr/bin/time -f '%e %M' -o "$WORK/one.time" java "-Xmx$HEAP" -jar "$JAR" train --spec "$(spec "$THREADS")" --snapshot "$SNAPSHOT" \
  --store "$WORK/store" --version 1 --termination-log "$WORK/one.json" > "$WORK/one.log"

PORT=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
log "two worker processes, $((THREADS / 2)) thread(s) each, tracker on 127.0.0.1:$PORT"
for rank in 0 1; do
  /usr/bin/time -f '%e %M' -o "$WORK/worker-$rank.time" java "-Xmx$HEAP" -jar "$JAR" train --spec "$(spec $((THREADS / 2)))" \
    --snapshot "$SNAPSHOT" --store "$WORK/store" --version 2 --workers 2 --rank "$rank" --tracker "127.0.0.1:$PORT" \
    --termination-log "$WORK/worker-$rank.json" > "$WORK/worker-$rank.log" &
done
wait
LOAD_END=$(cut -d' ' -f1 /proc/loadavg)
export ROWS FEATURES THREADS HEAP LOAD_START LOAD_END

python3 - "$WORK" "$OUT" <<'PY'
import datetime, json, os, platform, re, sys
work, out = sys.argv[1], sys.argv[2]
e = os.environ
def timed(name):
    seconds, kib = open(f"{work}/{name}.time").read().split()
    return float(seconds), int(kib) / 1024
def shard_rows(log):
    """The train and validation rows a process read, from its progress line 'read snapshot ...: N train, M validation rows'."""
    for line in open(f"{work}/{log}.log"):
        m = re.search(r"read snapshot .*: (\d+) train, (\d+) validation rows", line)
        if m:
            return int(m.group(1)) + int(m.group(2))
    raise SystemExit(f"no 'read snapshot' line in {log}.log")
def train_seconds(log):
    """From the trainer's progress lines: from 'training' to the last kept-rounds line, as run.sh reads it."""
    stamps = [(float(m.group(1)), line) for line in open(f"{work}/{log}.log") for m in [re.match(r"\[train\s+([0-9.]+)s\]", line)] if m]
    start = next(t for t, line in stamps if "training" in line)
    end = next(t for t, line in reversed(stamps) if "kept" in line)
    return end - start
def printed_result(log):
    """A worker other than 0 writes no termination log (a Job has one result, worker 0's): its result is its last 'result: ' line."""
    lines = [line for line in open(f"{work}/{log}.log") if line.startswith("result: ")]
    return json.loads(lines[-1][len("result: "):])
one, w0 = (json.load(open(f"{work}/{n}.json")) for n in ("one", "worker-0"))
w1 = printed_result("worker-1")
(one_wall, one_rss), (w0_wall, w0_rss), (w1_wall, w1_rss) = timed("one"), timed("worker-0"), timed("worker-1")
section = f"""## Two workers

The packaged trainer on {int(e['ROWS']):,} x {e['FEATURES']} (generated as `run.sh` generates its data), as one process with {e['THREADS']} XGBoost
threads and as two worker processes with {int(e['THREADS']) // 2} each (`train --workers 2`, XGBoost's collective, worker 0
hosting the tracker), `-Xmx{e['HEAP']}` each, max_depth 6, eta 0.1, at most 200 rounds, early stopping after 10.

Reproduce: `flock /tmp/heavy.lock env ROWS={e['ROWS']} FEATURES={e['FEATURES']} THREADS={e['THREADS']} HEAP={e['HEAP']} trainer/bench/workers.sh`
(rewrites this section).

| measurement | one process | two workers | two / one |
| --- | --- | --- | --- |
| train: build matrices + boosting (progress lines) | {train_seconds('one'):.1f} s | {train_seconds('worker-0'):.1f} s (worker 0) | {train_seconds('worker-0') / train_seconds('one'):.2f} |
| whole command | {one_wall:.1f} s | {max(w0_wall, w1_wall):.1f} s (slower worker) | {max(w0_wall, w1_wall) / one_wall:.2f} |
| train + validation rows read | {shard_rows('one'):,} | {shard_rows('worker-0'):,} (worker 0), {shard_rows('worker-1'):,} (worker 1) | {shard_rows('worker-0') / shard_rows('one'):.2f} |
| peak RSS (VmHWM), each process | {one_rss:,.0f} MiB | {w0_rss:,.0f} MiB (worker 0), {w1_rss:,.0f} MiB (worker 1) | {max(w0_rss, w1_rss) / one_rss:.2f} (larger worker) |
| test AUC | {one['metrics']['auc']:.4f} | {w0['metrics']['auc']:.4f} | |
| both workers grew the same model | | {'yes' if w0['digest'] == w1['digest'] else 'NO'} (sha256) | |

Measured {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores ({platform.machine()}), load average
{e['LOAD_START']} at the start and {e['LOAD_END']} at the end (above {os.cpu_count()}, other work shared the machine: the
times are then upper bounds; memory does not depend on it). Each worker reads only its shard of the train and
validation splits; worker 0 reads the test split after training, when the shard is garbage, so a worker's data is
about 1/N of a single run's. Peak RSS is that data plus what the JVM (its heap grows by the GC's sizing, up to
`-Xmx`, not to the live data) and XGBoost take whatever the rows, so the saving per worker is about half the data's
share of a single run's RSS, not half its RSS; it grows with the rows. On one machine with 2 cores the point is correctness
and overhead, not speed: both sides have the same cores; the workers add the collective's all-reduce each round and a
second JVM. Workers pay off when the data outgrows one pod.
"""
text = open(out).read() if os.path.exists(out) else "# Trainer benchmark\n"
match = re.search(r"^## Two workers\n", text, re.M)
if match:
    following = re.search(r"^## ", text[match.end():], re.M)
    text = text[:match.start()] + section + ("\n" + text[match.end() + following.start():] if following else "")
else:
    text = text.rstrip("\n") + "\n\n" + section
open(out, "w").write(text)
print(section)
PY
