#!/usr/bin/env bash
# Prediction logging off against on (every request logged): V2 single-row infer on this server, pinned to core 0,
# wrk on core 1, loopback only. Off and on alternate (off, on, off, on) so that the load of a shared machine falls on
# both alike. Serves the 100-tree binary test fixture (run the inference-server tests once to build it). Prints a
# markdown table and writes it to $OUT/logging.md.
#
#   inference-server/bench/logging.sh            # from the repository root, after `package`
#   DURATION=30s inference-server/bench/logging.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/inference-server/bench"
OUT="${OUT:-$ROOT/inference-server/target/bench-logging}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
STORE="$OUT/store"
JAR="$ROOT/inference-server/target/quarkus-app/quarkus-run.jar"
FIXTURE="$ROOT/inference-server/target/test-artifacts/models/credit-binary/1"

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
[ -f "$JAR" ] || { echo "package the server first: ./mvnw -q -pl inference-server -am package -DskipTests" >&2; exit 1; }
[ -d "$FIXTURE" ] || { echo "no $FIXTURE: run the inference-server tests once" >&2; exit 1; }

rm -rf "$OUT"; mkdir -p "$STORE/models/credit-binary"
cp -r "$FIXTURE" "$STORE/models/credit-binary/1"
export BENCH_BODY="$OUT/request.json"
echo '{"inputs": [{"name": "x", "shape": [1, 4], "datatype": "FP32", "data": [[35, 42000, 1, 3]]}]}' > "$BENCH_BODY"
. "$BENCH/lib.sh"

run() { # run NAME ROUND ENABLED
  MLOPS_MODEL_DIR="$STORE/models/credit-binary/1" MLOPS_PREDICTION_LOG_ENABLED="$3" MLOPS_PREDICTION_LOG_POD="round$2" \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=8080 taskset -c 0 java -Xmx512m -jar "$JAR" > "$OUT/$1-$2.log" 2>&1 &
  PIDS+=($!)
  wait_ready http://127.0.0.1:8080/v2/health/ready
  local url=http://127.0.0.1:8080/v2/models/credit-binary/infer
  taskset -c 1 wrk -t1 -c16 -d"$WARMUP" -s "$BENCH/infer.lua" "$url" > /dev/null
  for c in 1 16; do
    taskset -c 1 wrk -t1 -c"$c" -d"$DURATION" --latency -s "$BENCH/infer.lua" "$url" > "$OUT/$1-$2-c$c.txt"
  done
  curl -s http://127.0.0.1:8080/metrics | grep -E '^mlops_prediction_log' > "$OUT/$1-$2-metrics.txt" || true
  kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
}

for round in 1 2; do
  run off "$round" false
  run on "$round" true
done
python3 "$BENCH/logging_report.py" "$OUT" | tee "$OUT/logging.md"
