#!/usr/bin/env bash
# Builds prometheus and promtool from their Go module (github.com/prometheus/prometheus) into a versioned cache;
# does nothing when they are there. Only Kubernetes service discovery is compiled in (the tests need no other),
# and the web UI's assets are left out: the tests and the demo use the HTTP API.
#   e2e-tests/scripts/build-prometheus.sh          prints the directory that holds prometheus and promtool
#   e2e-tests/scripts/build-prometheus.sh --image  also packs prometheus as an image tar there (image.tar, one layer
#                                                  with the static binary, user 65534) for the cluster's node to import
set -euo pipefail
PROMETHEUS_MODULE_VERSION="${PROMETHEUS_MODULE_VERSION:-0.316.0}"
[[ "$PROMETHEUS_MODULE_VERSION" =~ ^0\.[0-9]+\.[0-9]+$ ]] \
  || { echo "[build-prometheus] PROMETHEUS_MODULE_VERSION must look like 0.316.0 (the Go module's version)" >&2; exit 2; }
. "$(dirname "${BASH_SOURCE[0]}")/go-progress.sh"
OUT="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}/prometheus/$PROMETHEUS_MODULE_VERSION"
module=github.com/prometheus/prometheus
# The module's go line asks for a newer Go than Debian's may be: auto lets go fetch that toolchain from the proxy.
GOTOOLCHAIN=auto go_install_cached build-prometheus "$OUT" "prometheus promtool" -trimpath -tags remove_all_sd,enable_kubernetes_sd \
  -ldflags "-s -w -X github.com/prometheus/common/version.Version=$PROMETHEUS_MODULE_VERSION" \
  "$module/cmd/prometheus@v$PROMETHEUS_MODULE_VERSION" "$module/cmd/promtool@v$PROMETHEUS_MODULE_VERSION"
if [[ "${1:-}" == "--image" && ! -f "$OUT/image.tar" ]]; then
  echo "[build-prometheus] packing the image mlops-prometheus:$PROMETHEUS_MODULE_VERSION" >&2
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/root/bin" "$work/root/prometheus" "$work/image"
  cp "$OUT/prometheus" "$work/root/bin/prometheus"
  created="2025-01-01T00:00:00Z"
  tar -C "$work/root" --sort=name --numeric-owner --owner=0 --group=0 --mtime="$created" -cf "$work/layer.tar" bin prometheus
  diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
  layer="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
  mv "$work/layer.tar" "$work/image/$layer.tar"
  printf '{"architecture":"amd64","os":"linux","created":"%s","config":{"User":"65534:65534","Entrypoint":["/bin/prometheus"],"WorkingDir":"/prometheus"},"rootfs":{"type":"layers","diff_ids":["%s"]}}\n' \
    "$created" "$diff_id" >"$work/config.json"
  config="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
  mv "$work/config.json" "$work/image/$config.json"
  printf '[{"Config":"%s.json","RepoTags":["mlops-prometheus:%s"],"Layers":["%s.tar"]}]\n' "$config" "$PROMETHEUS_MODULE_VERSION" "$layer" >"$work/image/manifest.json"
  tar -C "$work/image" --sort=name --numeric-owner --owner=0 --group=0 --mtime="$created" -cf "$OUT/image.tar.tmp" manifest.json "$config.json" "$layer.tar"
  mv "$OUT/image.tar.tmp" "$OUT/image.tar"
fi
echo "$OUT"
