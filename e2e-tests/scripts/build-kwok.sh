#!/usr/bin/env bash
# Builds KWOK (simulated nodes and pods) from its Go module (sigs.k8s.io/kwok) into a versioned cache; does nothing
# when it is there. Used by the operator's scale benchmark (operator/bench/scale.sh), not by the tests.
#   e2e-tests/scripts/build-kwok.sh      prints the path of the kwok binary
set -euo pipefail
KWOK_VERSION="${KWOK_VERSION:-0.7.0}"
[[ "$KWOK_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "[build-kwok] KWOK_VERSION must look like 0.7.0" >&2; exit 2; }
. "$(dirname "${BASH_SOURCE[0]}")/go-progress.sh"
OUT="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}/kwok/$KWOK_VERSION"
go_install_cached build-kwok "$OUT" kwok "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION"
echo "$OUT/kwok"
