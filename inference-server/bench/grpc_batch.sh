#!/usr/bin/env bash
# Benchmarks 1,000-row batches over gRPC (ModelInfer, one FP32 [1000, 20] raw tensor, as tritonclient sends it) against
# this server, serving the 100-tree, 20-feature XGBoost model of run.sh. The server is pinned to core 0 and the load
# generator (grpc_batch.py, in the python-clients virtualenv) to core 1; loopback only. Rows/s are per server core.
# Prints a markdown table and writes it to $OUT/grpc-batch.md. Run it under the shared lock:
#
#   flock /tmp/heavy.lock inference-server/bench/grpc_batch.sh      # from the repository root
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/inference-server/bench"
CACHE="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}"
OUT="${OUT:-$ROOT/inference-server/target/bench}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-5}"
SERVER_CPU=0
LOAD_CPU=1
MODEL_DIR="$OUT/store/models/bench/1"
GRPC_PORT=8091

CLIENTS="$("$ROOT/e2e-tests/scripts/python-clients.sh")"
# make_model.py needs xgboost: run.sh's KServe virtualenv, or XGB_PYTHON=<a python with xgboost and numpy>.
if [ -z "${XGB_PYTHON:-}" ]; then
  [ -x "$CACHE/venv-kserve/bin/python" ] || python3 -m venv "$CACHE/venv-kserve"
  "$CACHE/venv-kserve/bin/pip" install -q kserve xgboost==3.0.4
  XGB_PYTHON="$CACHE/venv-kserve/bin/python"
fi
mkdir -p "$OUT"
[ -f "$MODEL_DIR/manifest.json" ] || "$XGB_PYTHON" "$BENCH/make_model.py" "$MODEL_DIR"

JAR="$ROOT/inference-server/target/quarkus-app/quarkus-run.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -pl inference-server -am package -DskipTests)

. "$BENCH/lib.sh"

MLOPS_MODEL_DIR="$MODEL_DIR" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=8090 \
  QUARKUS_GRPC_SERVER_HOST=127.0.0.1 QUARKUS_GRPC_SERVER_PORT=$GRPC_PORT \
  taskset -c "$SERVER_CPU" java -Xmx512m -jar "$JAR" > "$OUT/grpc-batch-server.log" 2>&1 &
PIDS+=($!)
wait_ready http://127.0.0.1:8090/v2/health/ready

load() { # load IN_FLIGHT SECONDS
  taskset -c "$LOAD_CPU" "$CLIENTS/bin/python" "$BENCH/grpc_batch.py" "127.0.0.1:$GRPC_PORT" bench 20 "$1" "$2"
}
load 16 "$WARMUP" > /dev/null
{
  echo "| transport | in flight | rows/s per core | p50 ms | p99 ms | calls |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for in_flight in 1 16; do
    load "$in_flight" "$DURATION"
  done
} | tee "$OUT/grpc-batch.md"
