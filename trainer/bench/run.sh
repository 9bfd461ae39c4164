#!/usr/bin/env bash
# Trainer benchmark: prepare and train ROWS x FEATURES (default 1,000,000 x 20) with the packaged trainer in a
# 2 GiB heap, and train Python XGBoost (from PyPI, the same native XGBoost version as xgboost4j) on the same
# snapshot splits with the same parameters, in the same run. Writes the table to docs/benchmarks/trainer.md.
#
#   trainer/bench/run.sh                      # the full benchmark
#   ROWS=100000 OUT=/tmp/t.md KEEP_WORK=1 trainer/bench/run.sh   # a quick look, keeping data and logs
#
# Not part of ./mvnw verify. Needs: java 17, python3 with venv, network to PyPI on the first run only.
set -euo pipefail

ROWS=${ROWS:-1000000}
FEATURES=${FEATURES:-20}
NUM_ROUND=${NUM_ROUND:-200}
EARLY_STOPPING=${EARLY_STOPPING:-10}
THREADS=${THREADS:-2}
HEAP=${HEAP:-2g}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${MLOPS_CACHE:-$HOME/.cache/mlops-operator}
OUT=${OUT:-$REPO/docs/benchmarks/trainer.md}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/trainer-bench.XXXXXX")
[[ -n ${KEEP_WORK:-} ]] || trap 'rm -rf "$WORK"' EXIT
# xgboost4j in the trainer is 3.0.4 (root pom: xgboost4j.version); compare against the same native library.
PY_XGBOOST=$(sed -n 's:.*<xgboost4j.version>\(.*\)</xgboost4j.version>.*:\1:p' "$REPO/pom.xml")
JAR=$REPO/trainer/target/mlops-trainer.jar
VENV=$CACHE/bench-venv

log() { printf '[bench] %s\n' "$*" >&2; }

if [[ ! -f $JAR ]]; then
  log "building the trainer"
  (cd "$REPO" && ./mvnw -q -pl trainer -am package -DskipTests)
fi
if ! "$VENV/bin/python" -c "import xgboost, pandas; assert xgboost.__version__ == '$PY_XGBOOST'" 2>/dev/null; then
  log "installing xgboost-cpu==$PY_XGBOOST, numpy and pandas into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "xgboost-cpu==$PY_XGBOOST" numpy pandas
fi

log "generating $ROWS rows x $FEATURES features in $WORK"
java "$REPO/trainer/bench/GenerateData.java" "$ROWS" "$FEATURES" 1 "$WORK/data.csv"
FEATURE_LIST=$(python3 -c "import json; print(json.dumps([{'name': f'f{j}', 'type': 'numeric'} for j in range($FEATURES)]))")
cat > "$WORK/dataset.json" <<JSON
{"source": {"uri": "$WORK/data.csv"}, "format": "csv",
 "schema": {"label": {"name": "label", "type": "binary"}, "features": $FEATURE_LIST},
 "split": {"testFraction": 0.2, "validationFraction": 0.1, "seed": 42},
 "validation": {"minRows": 1000, "maxMissingFraction": 0.05}}
JSON
PARAMS="{\"max_depth\": \"6\", \"eta\": \"0.1\", \"nthread\": \"$THREADS\", \"tree_method\": \"hist\", \"objective\": \"binary:logistic\", \"eval_metric\": \"logloss\", \"seed\": \"0\"}"
TRAINING="{\"model\": \"bench\", \"hyperparameters\": $(python3 -c "import json; p = json.loads('$PARAMS'); p.update(num_round='$NUM_ROUND', early_stopping_rounds='$EARLY_STOPPING'); print(json.dumps(p))")}"
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)

log "java prepare (-Xmx$HEAP)"
/usr/bin/time -f '%e %M' -o "$WORK/prepare.time" java "-Xmx$HEAP" -jar "$JAR" prepare --spec "$WORK/dataset.json" \
  --name bench --store "$WORK/store" --termination-log "$WORK/prepare.json" > "$WORK/prepare.log"
SNAPSHOT=$(python3 -c "import json; print(json.load(open('$WORK/prepare.json'))['uri'])")

log "java train (-Xmx$HEAP)"
/usr/bin/time -f '%e %M' -o "$WORK/train.time" java "-Xmx$HEAP" -jar "$JAR" train --spec "$TRAINING" \
  --snapshot "$SNAPSHOT" --store "$WORK/store" --version 1 --termination-log "$WORK/train.json" > "$WORK/train.log"

log "python xgboost $PY_XGBOOST train"
/usr/bin/time -f '%e %M' -o "$WORK/python.time" "$VENV/bin/python" "$REPO/trainer/bench/xgb_train.py" \
  "$SNAPSHOT" "$(python3 -c "import json; p = json.loads('$PARAMS'); p['nthread'] = int(p['nthread']); print(json.dumps(p))")" \
  "$NUM_ROUND" "$EARLY_STOPPING" > "$WORK/python.json"
LOAD_END=$(cut -d' ' -f1 /proc/loadavg)
REPRODUCE="trainer/bench/run.sh"
for setting in ROWS=1000000 FEATURES=20 NUM_ROUND=200 EARLY_STOPPING=10 THREADS=2 HEAP=2g; do
  name=${setting%%=*}
  [[ ${!name} == "${setting#*=}" ]] || REPRODUCE="$name=${!name} $REPRODUCE"
done
export PARAMS NUM_ROUND EARLY_STOPPING HEAP FEATURES LOAD_START LOAD_END REPRODUCE

mkdir -p "$(dirname "$OUT")"
python3 - "$WORK" "$OUT" <<'PY'
import json, re, sys, datetime, os, platform
work, out = sys.argv[1], sys.argv[2]
def timed(name):
    seconds, kib = open(f"{work}/{name}.time").read().split()
    return float(seconds), int(kib) / 1024
def progress(name):
    lines = []
    for line in open(f"{work}/{name}.log"):
        m = re.match(r"^\[\w+\s+([\d.]+)s\] (.*)$", line)
        if m:
            lines.append((float(m.group(1)), m.group(2)))
    return lines
prepare, train, py = json.load(open(f"{work}/prepare.json")), json.load(open(f"{work}/train.json")), json.load(open(f"{work}/python.json"))
assert prepare["success"] and train["success"], (prepare, train)
prep_wall, prep_mib = timed("prepare")
train_wall, train_mib = timed("train")
py_wall, py_mib = timed("python")
steps = progress("train")
start = next(t for t, text in steps if text.startswith("training "))
end = max(t for t, text in steps if text.startswith("round ") or text.startswith("early stop"))
java_train = end - start
java_rounds = int(re.search(r"trained (\d+) rounds", train["message"]).group(1))
rows = prepare["rows"]
def ratio(a, b): return f"{a / b:.2f}"
same_model = ("Both sides kept the same rounds and reach the same test AUC to every printed digit: the same native "
              "XGBoost on the same splits with the same parameters gives the same model, so the times compare like "
              "with like.\n") if java_rounds == py["rounds"] and abs(train["metrics"]["auc"] - py["auc"]) < 1e-9 else ""
table = f"""# Trainer benchmark

Prepare and train on {rows:,} rows x {os.environ.get('FEATURES', '20')} numeric features (synthetic binary task, 1 % missing in
one feature) with the packaged trainer in a **{os.environ.get('HEAP', '2g')} heap** (`java -Xmx{os.environ.get('HEAP', '2g')} -jar trainer/target/mlops-trainer.jar`),
and Python XGBoost {py['xgboost']} (`xgboost-cpu` from PyPI: the same native XGBoost as the trainer's xgboost4j) training
the **same snapshot splits** with the **same parameters**, in the same run:
`{json.dumps(json.loads(os.environ['PARAMS']))}`, at most {os.environ['NUM_ROUND']} rounds, early stopping after
{os.environ['EARLY_STOPPING']} rounds without improvement of the validation log loss.

Reproduce: `{os.environ['REPRODUCE']}` (writes this file; `ROWS`, `FEATURES`, `NUM_ROUND`, `EARLY_STOPPING`,
`THREADS`, `HEAP`, `OUT` override the defaults 1000000, 20, 200, 10, 2, 2g, docs/benchmarks/trainer.md).

| measurement | mlops-trainer (Java) | Python XGBoost | Java / Python |
| --- | --- | --- | --- |
| prepare: read, validate, split, profile, write snapshot (whole command) | {prep_wall:.1f} s = **{rows / prep_wall:,.0f} rows/s** | (no equivalent) | |
| prepare: peak RSS | {prep_mib:,.0f} MiB | | |
| train: build matrices + boosting with validation every round | **{java_train:.1f} s** | **{py['train_seconds']:.1f} s** | **{ratio(java_train, py['train_seconds'])}** |
| train: whole command / script (read split CSVs, train, evaluate, write) | {train_wall:.1f} s | {py_wall:.1f} s (CSV read {py['load_seconds']:.1f} s) | {ratio(train_wall, py_wall)} |
| train: peak RSS | {train_mib:,.0f} MiB | {py_mib:,.0f} MiB | {ratio(train_mib, py_mib)} |
| rounds kept by early stopping | {java_rounds} | {py['rounds']} | |
| test AUC | {train['metrics']['auc']:.4f} | {py['auc']:.4f} | |

Measured {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} on {os.cpu_count()} cores
({platform.machine()}), load average {os.environ['LOAD_START']} at the start and {os.environ['LOAD_END']} at the end
(the machine is shared with other builds, so absolute times are noisy; both sides ran back to back in one run).
{same_model}Peak RSS from `/usr/bin/time`. The trainer's train phase is read from its progress lines (from "training" to the last
round); Python's is `DMatrix` construction of train and validation plus `xgboost.train`.
"""
open(out, "w").write(table)
print(table)
PY
