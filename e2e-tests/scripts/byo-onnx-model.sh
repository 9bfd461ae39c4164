#!/usr/bin/env bash
# A model brought from elsewhere, as the tests and users make one: a scikit-learn pipeline trained on a credit CSV
# (the columns of config/samples/01-dataset.yaml) and exported to ONNX with skl2onnx (byo_onnx_model.py). The
# virtualenv (PyPI only) is cached by the versions below; it is installed once.
#   e2e-tests/scripts/byo-onnx-model.sh <credit.csv> <output dir>
# writes model.onnx, manifest.json and expected.json (rows and scikit-learn's predict_proba on them) into the output
# directory and prints its path last.
set -euo pipefail
SKLEARN_VERSION="${SKLEARN_VERSION:-1.9.1}"
SKL2ONNX_VERSION="${SKL2ONNX_VERSION:-1.20.0}"
PACKAGES=("scikit-learn==$SKLEARN_VERSION" "skl2onnx==$SKL2ONNX_VERSION" "onnx==1.23.2" "numpy==2.4.6")
VENV="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}/python-byo-onnx/scikit-learn-$SKLEARN_VERSION-skl2onnx-$SKL2ONNX_VERSION"
[[ $# -eq 2 ]] || { sed -n '2,7p' "$0" >&2; exit 2; }
"$(dirname "$0")/python-venv.sh" byo-onnx "$VENV" "${PACKAGES[@]}"
echo "[byo-onnx] training and exporting the model from $1" >&2
"$VENV/bin/python" "$(dirname "$0")/byo_onnx_model.py" "$1" "$2" >&2
echo "$2"
