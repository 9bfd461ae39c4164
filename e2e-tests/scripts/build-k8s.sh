#!/usr/bin/env bash
# Builds the Kubernetes binaries the tests run (kube-apiserver, kubectl, etcd, and with --node the
# node components) from the Go module proxy into a versioned cache. Nothing is downloaded from
# anywhere but the module proxy; a second run with the binaries present does nothing.
#
#   e2e-tests/scripts/build-k8s.sh [--node]     prints the directory that holds the binaries
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-1.34.4}"
ETCD_VERSION="${ETCD_VERSION:-3.6.4}"
CACHE_ROOT="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}"
OUT="$CACHE_ROOT/k8s/$K8S_VERSION"
# kube-api-test looks for k8s/<X.Y.Z>-linux-amd64/{etcd,kube-apiserver,kubectl} under its own directory.
KAT_DIR="$CACHE_ROOT/kube-api-test/k8s/$K8S_VERSION-linux-amd64"

CONTROL_PLANE=(kube-apiserver kubectl)
NODE=(kube-controller-manager kube-scheduler kubelet kube-proxy)
targets=("${CONTROL_PLANE[@]}")
[[ "${1:-}" == "--node" ]] && targets+=("${NODE[@]}")

log() { echo "[build-k8s] $*" >&2; }
. "$(dirname "${BASH_SOURCE[0]}")/go-progress.sh"
[[ "$K8S_VERSION" =~ ^1\.[0-9]+\.[0-9]+$ && "$ETCD_VERSION" =~ ^3\.[0-9]+\.[0-9]+$ ]] \
  || { log "K8S_VERSION ($K8S_VERSION) and ETCD_VERSION ($ETCD_VERSION) must look like 1.34.4 and 3.6.4"; exit 2; }

missing=()
for t in "${targets[@]}" etcd; do [[ -x "$OUT/$t" ]] || missing+=("$t"); done
if [[ ${#missing[@]} -eq 0 ]]; then
  log "Kubernetes $K8S_VERSION binaries already in $OUT"
else
  command -v go >/dev/null || { log "installing Go from Debian"; apt-get update -qq && apt-get install -y -qq golang-go >/dev/null; }
  export GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0
  mkdir -p "$OUT"
  work="$CACHE_ROOT/k8s/src-$K8S_VERSION"
  mkdir -p "$work/kubernetes" "$work/etcd"

  k8s_targets=()
  for t in "${missing[@]}"; do [[ "$t" != etcd ]] && k8s_targets+=("$t"); done
  if [[ ${#k8s_targets[@]} -gt 0 ]]; then
    cd "$work/kubernetes"
    if [[ ! -f go.mod ]]; then
      log "resolving k8s.io/kubernetes v$K8S_VERSION from the module proxy"
      gomod="$(go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
      {
        echo "module mlops-operator/k8s-build"
        echo
        echo "go $(sed -n 's/^go //p' "$gomod")"
        echo
        echo "require k8s.io/kubernetes v$K8S_VERSION"
        echo
        echo "replace ("
        # Every staging module k8s.io/kubernetes replaces with ./staging/src/... is published as v0.<minor>.<patch>.
        sed -n 's#^\s*\(k8s.io/[a-z0-9-]*\) => ./staging/src/.*#\t\1 => \1 v0.'"${K8S_VERSION#1.}"'#p' "$gomod"
        echo ")"
      } > go.mod.tmp
      mv go.mod.tmp go.mod
      printf 'package main\n\nimport (\n' > tools.go
      for t in "${CONTROL_PLANE[@]}" "${NODE[@]}"; do printf '\t_ "k8s.io/kubernetes/cmd/%s"\n' "$t" >> tools.go; done
      printf ')\n\nfunc main() {}\n' >> tools.go
      sed -i '1i //go:build tools\n' tools.go
      log "go mod tidy (downloads modules on first run)"
      with_progress build-k8s "$work/tidy.log" go mod tidy -e || true
    fi
    for t in "${k8s_targets[@]}"; do
      log "building $t (a few minutes each on 2 cores)"
      with_progress build-k8s "$work/build-$t.log" \
        go build -trimpath -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=v$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=${K8S_VERSION#1.}" \
          -o "$OUT/$t.tmp" "k8s.io/kubernetes/cmd/$t"
      mv "$OUT/$t.tmp" "$OUT/$t"
    done
  fi

  if [[ " ${missing[*]} " == *" etcd "* ]]; then
    cd "$work/etcd"
    if [[ ! -f go.mod ]]; then
      printf 'module mlops-operator/etcd-build\n\ngo 1.24\n\nrequire go.etcd.io/etcd/server/v3 v%s\n' "$ETCD_VERSION" > go.mod
      printf '//go:build tools\n\npackage main\n\nimport _ "go.etcd.io/etcd/server/v3"\n' > tools.go
      log "go mod tidy for etcd v$ETCD_VERSION"
      with_progress build-k8s "$work/etcd-tidy.log" go mod tidy -e || true
    fi
    log "building etcd"
    with_progress build-k8s "$work/build-etcd.log" go build -trimpath -ldflags "-s -w" -o "$OUT/etcd.tmp" go.etcd.io/etcd/server/v3
    mv "$OUT/etcd.tmp" "$OUT/etcd"
  fi
  log "built into $OUT"
fi

mkdir -p "$KAT_DIR"
for t in etcd kube-apiserver kubectl; do ln -sf "$OUT/$t" "$KAT_DIR/$t"; done
echo "$OUT"
