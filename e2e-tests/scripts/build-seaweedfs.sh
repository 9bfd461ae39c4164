#!/usr/bin/env bash
# Builds SeaweedFS (the `weed` binary: master, volume server, filer and S3 gateway in one process) from its Go module
# (github.com/seaweedfs/seaweedfs) into a versioned cache; does nothing when it is there. The object-store tests of
# the store module, the trainer and the inference server run it as a real S3 server (S3TestServer).
# Its go.mod has a replace directive, which `go install module@version` refuses, so the module's source is taken
# from the module proxy with `go mod download` and built as the main module (its own go.sum pins every dependency).
#   e2e-tests/scripts/build-seaweedfs.sh      prints the path of the weed binary
set -euo pipefail
SEAWEEDFS_VERSION="${SEAWEEDFS_VERSION:-v0.0.0-20261109003541-7506e5f91cd6}"
[[ "$SEAWEEDFS_VERSION" =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9]{14}-[0-9a-f]{12})?$ ]] \
  || { echo "[build-seaweedfs] SEAWEEDFS_VERSION must be a Go module version such as v0.0.0-20261109003541-7506e5f91cd6" >&2; exit 2; }
. "$(dirname "${BASH_SOURCE[0]}")/go-progress.sh"
OUT="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}/seaweedfs/$SEAWEEDFS_VERSION"
if [[ ! -x "$OUT/weed" ]]; then
  echo "[build-seaweedfs] building weed from the Go module proxy (several minutes on 2 cores)" >&2
  mkdir -p "$OUT"
  work="$(mktemp -d)"
  trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
  source_dir="$(GOFLAGS=-mod=mod go mod download -json "github.com/seaweedfs/seaweedfs@$SEAWEEDFS_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$source_dir" ]] || { echo "[build-seaweedfs] go mod download gave no source directory" >&2; exit 1; }
  cp -r "$source_dir" "$work/src"
  chmod -R u+w "$work/src"
  # The module's go line may ask for a newer Go than Debian's: auto lets go fetch that toolchain from the proxy.
  (cd "$work/src" && GOTOOLCHAIN=auto GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0 \
    with_progress build-seaweedfs "$OUT/build.log" go build -trimpath -ldflags "-s -w" -o "$work/weed" ./weed)
  mv "$work/weed" "$OUT/weed"
fi
echo "$OUT/weed"
