#!/usr/bin/env bash
# Builds helm from its Go module (helm.sh/helm/v3) into a versioned cache; does nothing when it is there.
#   e2e-tests/scripts/build-helm.sh      prints the path of the helm binary
set -euo pipefail
HELM_VERSION="${HELM_VERSION:-3.19.0}"
[[ "$HELM_VERSION" =~ ^3\.[0-9]+\.[0-9]+$ ]] || { echo "[build-helm] HELM_VERSION must look like 3.19.0" >&2; exit 2; }
. "$(dirname "${BASH_SOURCE[0]}")/go-progress.sh"
OUT="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}/helm/$HELM_VERSION"
go_install_cached build-helm "$OUT" helm "helm.sh/helm/v3/cmd/helm@v$HELM_VERSION"
echo "$OUT/helm"
