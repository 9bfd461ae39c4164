# Shared by the trainer's benchmark scripts (sourced): paths, the packaged trainer, and the pandas + pyarrow venv.
# shellcheck shell=bash
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${MLOPS_CACHE:-$HOME/.cache/mlops-operator}
JAR=$REPO/trainer/target/mlops-trainer.jar
VENV=$CACHE/bench-formats-venv

log() { printf '[bench] %s\n' "$*" >&2; }

# Packages the trainer when its jar is missing or REBUILD is set.
ensure_trainer() {
  if [[ ! -f $JAR || -n ${REBUILD:-} ]]; then
    log "building the trainer"
    (cd "$REPO" && ./mvnw -q -pl trainer -am package -DskipTests)
  fi
}

# Installs pandas and pyarrow from PyPI into a cached venv on first use.
ensure_pandas() {
  if ! "$VENV/bin/python" -c "import pandas, pyarrow" 2>/dev/null; then
    log "installing pandas and pyarrow into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q pandas pyarrow
  fi
}

# The prepare spec of GenerateData's table: binary label, FEATURES numeric features f0..f{n-1}.
write_spec() { # file uri format features
  local features
  features=$(python3 -c "import json; print(json.dumps([{'name': f'f{j}', 'type': 'numeric'} for j in range($4)]))")
  cat > "$1" <<JSON
{"source": {"uri": "$2"}, "format": "$3",
 "schema": {"label": {"name": "label", "type": "binary"}, "features": $features},
 "split": {"testFraction": 0.2, "validationFraction": 0.1, "seed": 42},
 "validation": {"minRows": 1000, "maxMissingFraction": 0.05}}
JSON
}
