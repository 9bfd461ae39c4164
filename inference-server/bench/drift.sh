#!/usr/bin/env bash
# Drift cost against Evidently (issue 19): the same reference and current windows (ROWS x 20 numeric features, seeded)
# scored by the inference server's DriftMonitor and by Evidently's data drift Report, in one run; the scores side by
# side, and on the same bins compared with Evidently's own functions. Prints markdown and writes it to $OUT/drift.md.
#
#   inference-server/bench/drift.sh                 # from the repository root; ROWS=100000 for a quick run
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/inference-server/bench"
CACHE="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}"
OUT="${OUT:-$ROOT/inference-server/target/bench-drift}"
ROWS="${ROWS:-1000000}"
EVIDENTLY_VERSION=0.7.23

VENV="$CACHE/venv-evidently-$EVIDENTLY_VERSION"
if [ ! -f "$VENV/.complete" ]; then
  echo "[drift] installing evidently $EVIDENTLY_VERSION from PyPI into $VENV (once)" >&2
  rm -rf "$VENV" && python3 -m venv "$VENV"
  # Evidently 0.7.23 imports a pandas function that pandas 3 removed.
  "$VENV/bin/pip" install -q --disable-pip-version-check "evidently==$EVIDENTLY_VERSION" "pandas==2.3.3" numpy scipy
  touch "$VENV/.complete"
fi

mkdir -p "$OUT"
(cd "$ROOT" && ./mvnw -B -q -ntp -pl inference-server -am test-compile \
  && ./mvnw -B -q -ntp -pl inference-server dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null)
echo "[drift] data: $ROWS rows" >&2
"$VENV/bin/python" "$BENCH/drift_data.py" "$OUT" "$ROWS"
echo "[drift] this project's DriftMonitor" >&2
java -Xmx2g -cp "$ROOT/inference-server/target/test-classes:$ROOT/inference-server/target/classes:$(cat "$OUT/classpath.txt")" \
  dev.seed.mlops.serving.drift.DriftBench "$OUT" >"$OUT/ours.json"
echo "[drift] Evidently $EVIDENTLY_VERSION" >&2
"$VENV/bin/python" "$BENCH/drift_evidently.py" "$OUT" >"$OUT/evidently.json"
"$VENV/bin/python" "$BENCH/drift_report.py" "$OUT/ours.json" "$OUT/evidently.json" | tee "$OUT/drift.md"
