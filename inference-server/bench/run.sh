#!/usr/bin/env bash
# Benchmarks V2 single-row infer: this server (metrics and drift on) against KServe's Python model server
# and MLServer serving the same 100-tree, 20-feature XGBoost model. Each server is pinned to core 0 and wrk
# to core 1; only loopback addresses are used. Prints a markdown table and writes it to $OUT/results.md.
#
#   inference-server/bench/run.sh            # from the repository root
#   DURATION=30s inference-server/bench/run.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/inference-server/bench"
CACHE="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}"
OUT="${OUT:-$ROOT/inference-server/target/bench}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
SERVER_CPU=0
LOAD_CPU=1
MODEL_DIR="$OUT/store/models/bench/1"

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }

venv() { # venv NAME PACKAGES...: a virtualenv under the cache with these packages
  local dir="$CACHE/venv-$1"; shift
  [ -x "$dir/bin/python" ] || python3 -m venv "$dir"
  "$dir/bin/pip" install -q "$@"
  echo "$dir"
}
KSERVE_VENV="$(venv kserve kserve xgboost==3.0.4)"
MLSERVER_VENV="$(venv mlserver mlserver mlserver-xgboost xgboost==3.0.4)"

mkdir -p "$OUT"
"$KSERVE_VENV/bin/python" "$BENCH/make_model.py" "$MODEL_DIR"
export BENCH_BODY="$MODEL_DIR/request.json"

JAR="$ROOT/inference-server/target/quarkus-app/quarkus-run.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -pl inference-server -am package -DskipTests)

. "$BENCH/lib.sh"

load() { # load NAME URL CONNECTIONS: one wrk run, its output kept
  taskset -c "$LOAD_CPU" wrk -t1 -c"$3" -d"$DURATION" --latency -s "$BENCH/infer.lua" "$2" > "$OUT/$1-c$3.txt"
}

bench() { # bench NAME URL: warm up, then 1 and 16 connections
  taskset -c "$LOAD_CPU" wrk -t1 -c16 -d"$WARMUP" -s "$BENCH/infer.lua" "$2" > /dev/null
  load "$1" "$2" 1
  load "$1" "$2" 16
}

# This server: one core, default settings, metrics and drift on (they always are).
MLOPS_MODEL_DIR="$MODEL_DIR" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=8080 \
  taskset -c "$SERVER_CPU" java -Xmx512m -jar "$JAR" > "$OUT/mlops.log" 2>&1 &
PIDS+=($!)
wait_ready http://127.0.0.1:8080/v2/health/ready
bench mlops http://127.0.0.1:8080/v2/models/bench/infer
curl -s http://127.0.0.1:8080/v2/models/bench/drift > "$OUT/mlops-drift.json"
curl -s http://127.0.0.1:8080/metrics | grep -E '^mlops_inference_requests_total' > "$OUT/mlops-metrics.txt"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

# KServe's Python model server: a kserve.Model wrapping xgboost, one worker.
taskset -c "$SERVER_CPU" "$KSERVE_VENV/bin/python" "$BENCH/kserve_xgboost.py" "$MODEL_DIR/model.json" bench 8081 \
  > "$OUT/kserve.log" 2>&1 &
PIDS+=($!)
wait_ready http://127.0.0.1:8081/v2/models/bench/ready
bench kserve http://127.0.0.1:8081/v2/models/bench/infer
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

# MLServer with its XGBoost runtime, inference in the server process (no worker pool), HTTP only.
MLSERVER_DIR="$OUT/mlserver"
mkdir -p "$MLSERVER_DIR/bench"
cp "$MODEL_DIR/model.json" "$MLSERVER_DIR/bench/model.json"
cat > "$MLSERVER_DIR/settings.json" <<JSON
{"host": "127.0.0.1", "http_port": 8082, "grpc_port": 8083, "parallel_workers": 0, "metrics_endpoint": null}
JSON
cat > "$MLSERVER_DIR/bench/model-settings.json" <<JSON
{"name": "bench", "implementation": "mlserver_xgboost.XGBoostModel", "parameters": {"uri": "./model.json"}}
JSON
(cd "$MLSERVER_DIR" && exec taskset -c "$SERVER_CPU" "$MLSERVER_VENV/bin/mlserver" start .) > "$OUT/mlserver.log" 2>&1 &
PIDS+=($!)
wait_ready http://127.0.0.1:8082/v2/models/bench/ready
bench mlserver http://127.0.0.1:8082/v2/models/bench/infer
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

"$KSERVE_VENV/bin/python" "$BENCH/report.py" "$OUT" | tee "$OUT/results.md"
