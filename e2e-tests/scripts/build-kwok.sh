#!/usr/bin/env bash
# Builds KWOK (simulated nodes and pods) from its Go module (sigs.k8s.io/kwok) into a versioned cache; does nothing
# when it is there. Used by the operator's scale benchmark (operator/bench/scale.sh), not by the tests.
#   e2e-tests/scripts/build-kwok.sh      prints the path of the kwok binary
set -euo pipefail
KWOK_VERSION="${KWOK_VERSION:-0.7.0}"
[[ "$KWOK_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "[build-kwok] KWOK_VERSION must look like 0.7.0" >&2; exit 2; }
. "$(dirname "${BASH_SOURCE[0]}")/go-progress.sh"
OUT="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}/kwok/$KWOK_VERSION"
if [[ ! -x "$OUT/kwok" ]]; then
  echo "[build-kwok] building kwok v$KWOK_VERSION from the Go module proxy (a few minutes on 2 cores)" >&2
  mkdir -p "$OUT"
  GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0 GOBIN="$OUT/.tmp" with_progress build-kwok "$OUT/build.log" \
    go install "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION"
  mv "$OUT/.tmp/kwok" "$OUT/kwok" && rmdir "$OUT/.tmp"
fi
echo "$OUT/kwok"
