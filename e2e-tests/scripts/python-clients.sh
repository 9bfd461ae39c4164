#!/usr/bin/env bash
# A virtualenv with the standard inference clients from PyPI, cached by their versions; does nothing when it is there.
#   e2e-tests/scripts/python-clients.sh      prints the path of the virtualenv (its bin/python runs the client tests)
set -euo pipefail
KSERVE_VERSION="${KSERVE_VERSION:-0.21.0}"
TRITONCLIENT_VERSION="${TRITONCLIENT_VERSION:-2.73.0}"
PACKAGES=("kserve==$KSERVE_VERSION" "tritonclient[http,grpc]==$TRITONCLIENT_VERSION" "pytest==8.4.2" "numpy")
OUT="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}/python-clients/kserve-$KSERVE_VERSION-tritonclient-$TRITONCLIENT_VERSION"
"$(dirname "$0")/python-venv.sh" python-clients "$OUT" "${PACKAGES[@]}"
echo "$OUT"
