#!/usr/bin/env bash
# Benchmarks routing in the serving pod (docs/routing.md), side by side in one run, loopback only:
#   - client latency of a stable server without routing, and with a 100% shadow step to a canary server;
#   - the extra hop: a request forwarded by the stable server to the canary, against the canary answering it locally.
# The model is the tests' 100-tree binary XGBoost fixture (XgboostFixture), served as version 1 (stable) and 2
# (canary). The stable server is pinned to core 0; the canary and wrk share core 1. Routing comes from
# mlops.routing.file (a document read at start-up) instead of a ConfigMap, so no API server is needed.
# With BASELINE_JAR=<another build's quarkus-run.jar> it also runs that jar like the first row, to compare the local
# path of two builds in the same run. Prints a markdown table and writes it to $OUT/routing.md.
#
#   flock /tmp/heavy.lock inference-server/bench/routing.sh     # from the repository root
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/inference-server/bench"
OUT="${OUT:-$ROOT/inference-server/target/bench-routing}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
STABLE_CPU=0
OTHER_CPU=1
MODEL_DIR="$ROOT/inference-server/target/test-artifacts/models/credit-binary/1"
JAR="${JAR:-$ROOT/inference-server/target/quarkus-app/quarkus-run.jar}"

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -pl inference-server -am package -DskipTests)
# The fixture model is trained by the tests that use it, with xgboost4j.
[ -d "$MODEL_DIR" ] || (cd "$ROOT" && ./mvnw -q -pl inference-server -am test -Dtest=ArtifactReaderTest \
  -Dsurefire.failIfNoSpecifiedTests=false)

mkdir -p "$OUT"
export BENCH_BODY="$OUT/request.json"
echo '{"inputs": [{"name": "rows", "shape": [1, 4], "datatype": "FP32", "data": [[35, 42000, 1, 3]]}]}' > "$BENCH_BODY"

. "$BENCH/lib.sh"

serve() { # serve NAME CPU PORT VERSION [ROUTING_FILE [JAR]]: a server in the background, ready
  local env=(MLOPS_MODEL_DIR="$MODEL_DIR" MLOPS_MODEL_NAME=credit MLOPS_MODEL_VERSION="$4"
             QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$3" QUARKUS_GRPC_SERVER_PORT=$(( $3 + 1 )))
  [ -n "${5:-}" ] && env+=(MLOPS_ROUTING_FILE="$5")
  env "${env[@]}" taskset -c "$2" java -Xmx512m -jar "${6:-$JAR}" > "$OUT/$1.log" 2>&1 &
  PIDS+=($!)
  wait_ready "http://127.0.0.1:$3/v2/health/ready"
}

stop_last() {
  kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'
}

bench() { # bench NAME URL: warm up, then 1 and 16 connections
  taskset -c "$OTHER_CPU" wrk -t1 -c16 -d"$WARMUP" -s "$BENCH/infer.lua" "$2" > /dev/null
  for c in 1 16; do
    taskset -c "$OTHER_CPU" wrk -t1 -c"$c" -d"$DURATION" --latency -s "$BENCH/infer.lua" "$2" > "$OUT/$1-c$c.txt"
  done
}

step() { # step FILE WEIGHT SHADOW: a routing document from stable (8080) to canary (8090)
  echo "{\"stable\": {\"version\": 1, \"address\": \"127.0.0.1:8080\"}, \"canary\": {\"version\": 2,
         \"address\": \"127.0.0.1:8090\", \"weight\": $2, \"shadow\": $3}}" > "$1"
}

URL=http://127.0.0.1:8080/v2/models/credit/infer
serve canary "$OTHER_CPU" 8090 2

rm -f "$OUT"/baseline-c*.txt
if [ -n "${BASELINE_JAR:-}" ]; then
  serve baseline "$STABLE_CPU" 8080 1 "" "$BASELINE_JAR"
  bench baseline "$URL"
  stop_last
fi

serve stable-local "$STABLE_CPU" 8080 1
bench local "$URL"
stop_last

step "$OUT/shadow.json" 0 100
serve stable-shadow "$STABLE_CPU" 8080 1 "$OUT/shadow.json"
bench shadow "$URL"
curl -s http://127.0.0.1:8080/v2/models/credit/routing > "$OUT/shadow-routing.json"
stop_last

step "$OUT/forward.json" 100 0
serve stable-forward "$STABLE_CPU" 8080 1 "$OUT/forward.json"
bench forwarded "$URL"
curl -s http://127.0.0.1:8080/v2/models/credit/routing > "$OUT/forward-routing.json"
stop_last

bench canary-direct http://127.0.0.1:8090/v2/models/credit/infer

python3 "$BENCH/routing_report.py" "$OUT" | tee "$OUT/routing.md"
