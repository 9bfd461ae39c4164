#!/usr/bin/env bash
# Rows per second on one core: a BatchPrediction shard (the inference-server's BatchShard) against Python XGBoost's
# inplace_predict reading the same CSV with pandas, on the same model; and the peak memory (RSS) of each.
#   flock /tmp/heavy.lock inference-server/bench/batch.sh [ROWS...]      (default: 1000000)
# Needs the packaged server (./mvnw -pl inference-server -am package -DskipTests) and the fixture model the server's
# tests train (inference-server/target/test-artifacts/models/credit-binary/1, e.g. from BatchShardTest). Python
# XGBoost and pandas come from PyPI into a virtualenv cached by version.
set -euo pipefail
cd "$(dirname "$0")/../.."
XGBOOST_VERSION="${XGBOOST_VERSION:-3.0.4}"
PANDAS_VERSION="${PANDAS_VERSION:-2.3.3}"
VENV="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}/bench-batch/xgboost-$XGBOOST_VERSION-pandas-$PANDAS_VERSION"
APP=inference-server/target/quarkus-app
ARTIFACT="$PWD/inference-server/target/test-artifacts/models/credit-binary/1"
WORK="${TMPDIR:-/tmp}/bench-batch"
[[ -d "$APP" ]] || { echo "[bench-batch] $APP is missing: ./mvnw -pl inference-server -am package -DskipTests" >&2; exit 2; }
[[ -f "$ARTIFACT/model.xgb" ]] || { echo "[bench-batch] $ARTIFACT is missing: run BatchShardTest once" >&2; exit 2; }
if [[ ! -f "$VENV/.complete" ]]; then
  echo "[bench-batch] installing xgboost-cpu==$XGBOOST_VERSION pandas==$PANDAS_VERSION from PyPI into $VENV (once)" >&2
  rm -rf "$VENV" && python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "xgboost-cpu==$XGBOOST_VERSION" "pandas==$PANDAS_VERSION" >"$VENV.log" 2>&1 \
    || { echo "[bench-batch] pip failed: see $VENV.log" >&2; tail -20 "$VENV.log" >&2; exit 1; }
  touch "$VENV/.complete"
fi
mkdir -p "$WORK"
for ROWS in "${@:-1000000}"; do
  INPUT="$WORK/customers-$ROWS.csv"
  if [[ ! -f "$INPUT" ]]; then
    echo "[bench-batch] writing $ROWS rows to $INPUT" >&2
    "$VENV/bin/python" - "$ROWS" "$INPUT" <<'PY'
import sys, numpy as np, pandas as pd
rows, path = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(42)
income = np.exp(10 + rng.normal(0, 0.5, rows)).round(2)
income[rng.integers(0, 20, rows) == 0] = np.nan
pd.DataFrame({"customer_id": np.arange(rows), "age": rng.integers(18, 78, rows), "income": income,
              "plan": rng.choice(["basic", "plus", "premium"], rows), "visits": rng.integers(0, 20, rows)}).to_csv(path, index=False)
PY
  fi
  rm -rf "$WORK/out"
  echo "[bench-batch] $ROWS rows, one core (taskset -c 0)" >&2
  /usr/bin/time -f "%e %M" taskset -c 0 java -XX:+ExitOnOutOfMemoryError -XX:ActiveProcessorCount=1 -Xmx512m \
      -cp "$APP/app/*:$APP/lib/main/*:$APP/lib/boot/*" dev.seed.mlops.serving.batch.BatchShard \
      --artifact "$ARTIFACT" --input "$INPUT" --output "$WORK/out" --shards 1 --shard 0 --id-column customer_id \
      >/dev/null 2>"$WORK/shard.err" || { tail -20 "$WORK/shard.err" >&2; exit 1; }
  SHARD=$(tail -1 "$WORK/shard.err")
  /usr/bin/time -f "%e %M" taskset -c 0 "$VENV/bin/python" - "$ARTIFACT" "$INPUT" "$WORK/python.csv" 2>"$WORK/python.err" <<'PY'
import json, sys, pandas as pd, xgboost as xgb
artifact, path, out = sys.argv[1:]
manifest = json.load(open(artifact + "/manifest.json"))
booster = xgb.Booster(model_file=artifact + "/" + manifest["modelFile"])
booster.set_param({"nthread": 1})
frame = pd.read_csv(path)
names = [f["name"] for f in manifest["features"]]
for f in manifest["features"]:
    if f["type"] == "categorical":
        frame[f["name"]] = frame[f["name"]].map({c: i for i, c in enumerate(f["categories"])})
predictions = booster.inplace_predict(frame[names].to_numpy(dtype="float32"))
pd.DataFrame({"customer_id": frame["customer_id"], "prediction": predictions}).to_csv(out, index=False)
PY
  PYTHON=$(tail -1 "$WORK/python.err")
  read -r shard_s shard_kb <<<"$SHARD"
  read -r py_s py_kb <<<"$PYTHON"
  awk -v r="$ROWS" -v ss="$shard_s" -v sk="$shard_kb" -v ps="$py_s" -v pk="$py_kb" 'BEGIN {
    printf "rows %d | BatchShard: %.1f s, %.0f rows/s, peak RSS %.0f MB | XGBoost %s inplace_predict + pandas: %.1f s, %.0f rows/s, peak RSS %.0f MB\n",
      r, ss, r / ss, sk / 1024, "'"$XGBOOST_VERSION"'", ps, r / ps, pk / 1024 }'
done
