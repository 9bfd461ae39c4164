#!/usr/bin/env bash
# The serving cost of the sample Dataset's transforms (config/samples/01-dataset.yaml), side by side in one run: the
# model the sample TrainingJob trains on the sample data, served (1) as trained, manifest format 2, clients sending the
# raw rows and the server computing the transforms, and (2) the same trees behind a format-1 manifest whose features are
# the transforms' outputs, clients sending those engineered features. Same rows both ways (V1 predict, 1 and 64 rows per
# request); the server pinned to core 0, wrk to core 1, loopback only; the two alternate twice so a shared machine's
# load falls on both alike; the server process's CPU time (/proc/PID/stat) during each run is kept too, per row the
# measure least disturbed by other processes. TransformCost.java times the transform step alone, in process, on 1,000 rows.
# Prints a markdown table and writes it to $OUT/transforms.md.
#
#   ./mvnw -q -pl trainer,inference-server -am package -DskipTests      # the trainer and server jars
#   DURATION=15s flock /tmp/heavy.lock inference-server/bench/transforms.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/inference-server/bench"
OUT="${OUT:-$ROOT/inference-server/target/bench-transforms}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-5s}"
JAR="$ROOT/inference-server/target/quarkus-app/quarkus-run.jar"
LIB="$ROOT/inference-server/target/quarkus-app/lib/main"
TRAINER="$ROOT/trainer/target/mlops-trainer.jar"
SAMPLES="$ROOT/config/samples"

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
for file in "$JAR" "$TRAINER"; do
  [ -f "$file" ] || { echo "no $file: ./mvnw -q -pl trainer,inference-server -am package -DskipTests" >&2; exit 1; }
done

rm -rf "$OUT"; mkdir -p "$OUT/pvc"
echo "[bench-transforms] sample data, prepare with the sample's transforms, train the sample TrainingJob" >&2
java -jar "$TRAINER" sample-data --pvc-root "$OUT/pvc" --output pvc://mlops-store/datasets/credit-risk/credit.csv \
  --rows 20000 --seed 1 > "$OUT/sample-data.log"
java -jar "$TRAINER" prepare --pvc-root "$OUT/pvc" --spec "$SAMPLES/01-dataset.yaml" --name credit-risk \
  --store "$OUT/store" --termination-log "$OUT/prepare.json" > "$OUT/prepare.log"
SNAPSHOT=$(python3 -c "import json; print(json.load(open('$OUT/prepare.json'))['uri'])")
java -jar "$TRAINER" train --spec "$SAMPLES/02-trainingjob.yaml" --snapshot "$SNAPSHOT" --store "$OUT/store" --version 1 \
  --termination-log "$OUT/train.json" > "$OUT/train.log"
MODEL="$OUT/store/models/credit-risk/1"

# The same trees without transforms: requests carry the model's features themselves.
mkdir -p "$OUT/store/models/credit-risk-engineered"
cp -r "$MODEL" "$OUT/store/models/credit-risk-engineered/1"
python3 - "$OUT/store/models/credit-risk-engineered/1/manifest.json" <<'PY'
import json, sys
manifest = json.load(open(sys.argv[1]))
manifest["formatVersion"] = 1
del manifest["transforms"]
json.dump(manifest, open(sys.argv[1], "w"), indent=2)
PY

# Fresh customers (another seed), raw as clients send them: the label dropped, an empty field as null.
java -jar "$TRAINER" sample-data --output "$OUT/requests.csv" --rows 1000 --seed 2 > /dev/null
python3 - "$OUT" <<'PY'
import csv, json, sys
out = sys.argv[1]
rows = []
for record in csv.DictReader(open(f"{out}/requests.csv")):
    del record["default"]
    rows.append({k: None if v == "" else v if k in ("education", "marriage") else float(v) for k, v in record.items()})
for size in (1, 64, 1000):
    json.dump({"instances": rows[:size]}, open(f"{out}/raw-{size}.json", "w"))
PY
for size in 1 64 1000; do
  java -cp "$LIB/*" "$BENCH/TransformCost.java" "$MODEL" "$OUT/raw-$size.json" "$OUT/engineered-$size.json" > "$OUT/transform-cost-$size.txt"
done
. "$BENCH/lib.sh"
getconf CLK_TCK > "$OUT/clock-ticks"

cpu_ticks() { # cpu_ticks PID: user + system time of the process so far, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}

run() { # run VARIANT ROUND
  local model=credit-risk body=raw
  [ "$1" = engineered ] && model=credit-risk-engineered body=engineered
  MLOPS_MODEL_DIR="$OUT/store/models/$model/1" MLOPS_MODEL_NAME=credit-risk MLOPS_MODEL_VERSION=1 \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=8080 taskset -c 0 java -Xmx512m -jar "$JAR" > "$OUT/$1-$2.log" 2>&1 &
  PIDS+=($!)
  wait_ready http://127.0.0.1:8080/v2/health/ready
  local url=http://127.0.0.1:8080/v1/models/credit-risk:predict
  BENCH_BODY="$OUT/$body-64.json" taskset -c 1 wrk -t1 -c16 -d"$WARMUP" -s "$BENCH/infer.lua" "$url" > /dev/null
  for size in 1 64; do
    local before; before=$(cpu_ticks "${PIDS[-1]}")
    BENCH_BODY="$OUT/$body-$size.json" taskset -c 1 wrk -t1 -c16 -d"$DURATION" --latency -s "$BENCH/infer.lua" "$url" \
      > "$OUT/$1-$2-rows$size.txt"
    echo $(( $(cpu_ticks "${PIDS[-1]}") - before )) > "$OUT/$1-$2-rows$size.cpu"
  done
  curl -s -X POST -H 'Content-Type: application/json' --data @"$OUT/$body-64.json" "$url" > "$OUT/$1-$2-answer.json"
  kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
}

for round in 1 2; do
  run raw "$round"
  run engineered "$round"
done
python3 "$BENCH/transforms_report.py" "$OUT" | tee "$OUT/transforms.md"
