#!/usr/bin/env bash
# Issue 20's benchmark: 1,000-row batches (20 FP32 features, the 100-tree model of make_model.py) over V2 JSON, V2 with
# binary tensors and gRPC (raw FP32, as tritonclient sends it), against this server and KServe's Python model server
# (kserve_xgboost.py, HTTP and gRPC) in one run. Each server is pinned to core 0, the load (wrk for HTTP,
# grpc_batch.py for gRPC) to core 1; loopback only. Rows/s are per server core. Prints markdown, writes
# $OUT/protocols.md.
#
#   inference-server/bench/protocols.sh          # from the repository root; DURATION=15 (seconds per run)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/inference-server/bench"
CACHE="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}"
OUT="${OUT:-$ROOT/inference-server/target/bench-protocols}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-5}"
SERVER_CPU=0
LOAD_CPU=1
MODEL_DIR="$OUT/store/models/bench/1"

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
VENV="$CACHE/venv-protocols-kserve-0.21.0"
if [ ! -f "$VENV/.complete" ]; then
  echo "[protocols] installing kserve 0.21.0, xgboost 3.0.4 and tritonclient[grpc] 2.73.0 into $VENV (once)" >&2
  rm -rf "$VENV" && python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check kserve==0.21.0 xgboost==3.0.4 "tritonclient[grpc]==2.73.0" numpy
  touch "$VENV/.complete"
fi
mkdir -p "$OUT"
"$VENV/bin/python" "$BENCH/make_model.py" "$MODEL_DIR"
"$VENV/bin/python" "$BENCH/batch_bodies.py" "$OUT"
JAR="$ROOT/inference-server/target/quarkus-app/quarkus-run.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -pl inference-server -am package -DskipTests)

. "$BENCH/lib.sh"

wrk_run() { # wrk_run SCRIPT BODY URL CONNECTIONS SECONDS
  BENCH_BODY="$2" BENCH_HEADER_LENGTH="$(cat "$OUT/batch.bin.header-length")" \
    taskset -c "$LOAD_CPU" wrk -t1 -c"$4" -d"$5s" --latency -s "$BENCH/$1" "$3"
}

measure() { # measure NAME HTTP_PORT GRPC_PORT
  local url="http://127.0.0.1:$2/v2/models/bench/infer"
  wrk_run infer.lua "$OUT/batch.json" "$url" 4 "$WARMUP" > /dev/null
  for c in 1 16; do
    wrk_run infer.lua "$OUT/batch.json" "$url" "$c" "$DURATION" > "$OUT/$1-json-c$c.txt"
    wrk_run binary.lua "$OUT/batch.bin" "$url" "$c" "$DURATION" > "$OUT/$1-binary-c$c.txt"
    taskset -c "$LOAD_CPU" "$VENV/bin/python" "$BENCH/grpc_batch.py" "127.0.0.1:$3" bench 20 "$c" "$DURATION" > "$OUT/$1-grpc-c$c.txt"
  done
}

MLOPS_MODEL_DIR="$MODEL_DIR" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=8090 \
  QUARKUS_GRPC_SERVER_HOST=127.0.0.1 QUARKUS_GRPC_SERVER_PORT=8091 \
  taskset -c "$SERVER_CPU" java -Xmx512m -jar "$JAR" > "$OUT/mlops.log" 2>&1 &
PIDS+=($!)
wait_ready http://127.0.0.1:8090/v2/health/ready
measure mlops 8090 8091
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

KSERVE_GRPC_PORT=8093 taskset -c "$SERVER_CPU" "$VENV/bin/python" "$BENCH/kserve_xgboost.py" "$MODEL_DIR/model.json" bench 8092 \
  > "$OUT/kserve.log" 2>&1 &
PIDS+=($!)
wait_ready http://127.0.0.1:8092/v2/models/bench/ready
measure kserve 8092 8093
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

"$VENV/bin/python" "$BENCH/protocols_report.py" "$OUT" | tee "$OUT/protocols.md"
