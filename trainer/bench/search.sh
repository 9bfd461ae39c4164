#!/usr/bin/env bash
# Search benchmark: the operator's hyperparameter search (its SearchSpace draws, each trial the packaged trainer's
# `train --trial`, as a trial Job runs it) against Optuna (PyPI; TPE, its default sampler, and its random sampler)
# driving Python XGBoost 3.0.4, over the same space, trial count and snapshot splits, judged by the validation AUC.
# Replaces the section "## Hyperparameter search" of docs/benchmarks/trainer.md (appends it the first time).
#
#   flock /tmp/heavy.lock trainer/bench/search.sh
#   ROWS=20000 TRIALS=6 OUT=/tmp/t.md trainer/bench/search.sh      # a quick look
#
# Not part of ./mvnw verify. Needs: java 17, python3 with venv, network to PyPI on the first run only.
set -euo pipefail

ROWS=${ROWS:-100000}
FEATURES=${FEATURES:-20}
TRIALS=${TRIALS:-12}
PARALLELISM=${PARALLELISM:-1}
THREADS=${THREADS:-2}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${MLOPS_CACHE:-$HOME/.cache/mlops-operator}
OUT=${OUT:-$REPO/docs/benchmarks/trainer.md}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/search-bench.XXXXXX")
[[ -n ${KEEP_WORK:-} ]] || trap 'rm -rf "$WORK"' EXIT
PY_XGBOOST=$(sed -n 's:.*<xgboost4j.version>\(.*\)</xgboost4j.version>.*:\1:p' "$REPO/pom.xml")
JAR=$REPO/trainer/target/mlops-trainer.jar
VENV=$CACHE/bench-search-venv

log() { printf '[search-bench] %s\n' "$*" >&2; }

if [[ ! -f $JAR || ! -d $REPO/operator/target/classes/dev/seed/mlops/operator/training/search ]]; then
  log "building the trainer and the operator's classes"
  (cd "$REPO" && ./mvnw -q -pl trainer -am package -DskipTests && ./mvnw -q -pl operator -am compile)
fi
if ! "$VENV/bin/python" -c "import xgboost, optuna, pandas; assert xgboost.__version__ == '$PY_XGBOOST'" 2>/dev/null; then
  log "installing xgboost-cpu==$PY_XGBOOST, optuna, numpy and pandas into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "xgboost-cpu==$PY_XGBOOST" optuna numpy pandas
fi

log "generating $ROWS rows x $FEATURES features and preparing a snapshot in $WORK"
java "$REPO/trainer/bench/GenerateData.java" "$ROWS" "$FEATURES" 1 "$WORK/data.csv"
FEATURE_LIST=$(python3 -c "import json; print(json.dumps([{'name': f'f{j}', 'type': 'numeric'} for j in range($FEATURES)]))")
cat > "$WORK/dataset.json" <<JSON
{"source": {"uri": "$WORK/data.csv"}, "format": "csv",
 "schema": {"label": {"name": "label", "type": "binary"}, "features": $FEATURE_LIST},
 "split": {"testFraction": 0.2, "validationFraction": 0.1, "seed": 42},
 "validation": {"minRows": 1000, "maxMissingFraction": 0.05}}
JSON
java -Xmx2g -jar "$JAR" prepare --spec "$WORK/dataset.json" --name bench --store "$WORK/store" \
  --termination-log "$WORK/prepare.json" > "$WORK/prepare.log"
SNAPSHOT=$(python3 -c "import json; print(json.load(open('$WORK/prepare.json'))['uri'])")

SEARCH="{\"algorithm\": \"random\", \"seed\": 1, \"maxTrials\": $TRIALS, \"parallelism\": $PARALLELISM,
 \"objective\": {\"metric\": \"auc\", \"direction\": \"maximize\"},
 \"space\": {\"max_depth\": {\"min\": 2, \"max\": 10, \"type\": \"integer\"}, \"eta\": {\"min\": 0.01, \"max\": 0.3, \"scale\": \"log\"},
  \"subsample\": {\"min\": 0.5, \"max\": 1.0}, \"min_child_weight\": {\"min\": 1, \"max\": 20, \"scale\": \"log\"}}}"
BASE="{\"num_round\": \"200\", \"early_stopping_rounds\": \"10\", \"nthread\": \"$THREADS\", \"tree_method\": \"hist\", \"seed\": \"0\"}"
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)

log "the operator's search: $TRIALS random trials, $PARALLELISM at once, each trainer train --trial"
CP="$REPO/operator/target/classes:$REPO/api/target/classes:$REPO/trainer/target/lib/*"
java -cp "$CP" "$REPO/trainer/bench/SearchTrials.java" "$JAR" "$SNAPSHOT" "$WORK" "$SEARCH" "$BASE" "$PARALLELISM" > "$WORK/ours.json"

PY_BASE=$(python3 -c "import json; b = json.loads('$BASE'); b['nthread'] = int(b['nthread']); b['seed'] = int(b['seed']); b['objective'] = 'binary:logistic'; b['eval_metric'] = 'logloss'; print(json.dumps(b))")
for sampler in tpe random; do
  log "Optuna ($sampler) driving Python XGBoost $PY_XGBOOST: $TRIALS trials"
  (cd "$REPO/trainer/bench" && "$VENV/bin/python" optuna_search.py "$SNAPSHOT" "$SEARCH" "$PY_BASE" "$sampler") > "$WORK/optuna-$sampler.json"
done
LOAD_END=$(cut -d' ' -f1 /proc/loadavg)
export ROWS FEATURES TRIALS PARALLELISM THREADS LOAD_START LOAD_END SEARCH BASE

python3 - "$WORK" "$OUT" <<'PY'
import datetime, json, os, platform, re, sys
work, out = sys.argv[1], sys.argv[2]
ours = json.load(open(f"{work}/ours.json"))
tpe, rnd = (json.load(open(f"{work}/optuna-{s}.json")) for s in ("tpe", "random"))
e = os.environ
failed = sum(1 for t in ours["trials"] if t["auc"] is None)
section = f"""## Hyperparameter search

The operator's search (`spec.search`, algorithm `random`, seed 1: its own `SearchSpace` draws, each trial the packaged
trainer's `train --trial`, {e['PARALLELISM']} at a time, as trial Jobs run) against Optuna {tpe['optuna']} driving Python
XGBoost {tpe['xgboost']}, on the same {int(e['ROWS']):,} x {e['FEATURES']} snapshot splits, over the same space and
{e['TRIALS']} trials, each with early stopping on the validation log loss and judged by the validation AUC:
space `{json.dumps(json.loads(e['SEARCH'])['space'])}`, fixed `{e['BASE']}`.

Reproduce: `flock /tmp/heavy.lock trainer/bench/search.sh` (this section; `ROWS`, `FEATURES`, `TRIALS`, `PARALLELISM`,
`THREADS` override 100000, 20, 12, 1, 2).

| search | best validation AUC | wall time, {e['TRIALS']} trials | best values |
| --- | --- | --- | --- |
| mlops-operator search, random (JVM per trial, as a Job) | **{ours['best_auc']:.4f}** | {ours['seconds']:.1f} s | `{json.dumps(ours['best_params'])}` |
| Optuna TPE (default sampler) + Python XGBoost, one process | **{tpe['best_auc']:.4f}** | {tpe['seconds']:.1f} s | `{json.dumps(tpe['best_params'])}` |
| Optuna random + Python XGBoost, one process | **{rnd['best_auc']:.4f}** | {rnd['seconds']:.1f} s | `{json.dumps(rnd['best_params'])}` |

Measured {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores ({platform.machine()}), load average
{e['LOAD_START']} at the start and {e['LOAD_END']} at the end (a machine shared with other builds). {failed} of the
operator's trials failed. The operator's wall time includes starting a JVM and reading the snapshot's CSV splits in
every trial, which a trial Job pays too; Optuna reads them once. Optuna's TPE draws its first 10 trials at random
(`n_startup_trials`), so with few trials it is mostly a random search too.
"""
text = open(out).read() if os.path.exists(out) else "# Trainer benchmark\n"
match = re.search(r"^## Hyperparameter search\n", text, re.M)
text = (text[:match.start()] if match else text.rstrip("\n") + "\n\n") + section
open(out, "w").write(text)
print(section)
PY
