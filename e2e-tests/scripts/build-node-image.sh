#!/usr/bin/env bash
# Builds the single-node Kubernetes image that Testcontainers' K3sContainer runs in place of
# rancher/k3s, from source and Debian packages only (no registry can be reached on these machines):
#
#   - a Debian bookworm rootfs made with debootstrap (containerd, runc, CNI plugins, iptables, ...),
#   - the Kubernetes binaries built from the Go module proxy by build-k8s.sh --node,
#   - a pause image compiled here from the pause.c that ships in the k8s.io/kubernetes module,
#   - e2e-tests/node-image/ (entrypoint, configs), copied over the rootfs,
#
# and `docker import`s the result. Cached: the image tag carries a hash of everything that goes into
# it, so a second run with the image present only hashes a few files and exits.
#
#   e2e-tests/scripts/build-node-image.sh      progress on stderr; the image reference is the last line of stdout
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-1.34.4}"
CACHE_ROOT="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}"
SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NODE_SRC="$(cd "$SCRIPTS/../node-image" && pwd)"
IMAGE_REPO="${NODE_IMAGE_REPO:-mlops-k3s-node}"
SUITE=bookworm
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# What the node needs at run time. Changing this list rebuilds the cached rootfs.
PACKAGES=(
  containerd runc containernetworking-plugins   # container runtime and the bridge/host-local/portmap/loopback CNI plugins
  iptables conntrack ebtables ethtool            # kube-proxy (iptables mode) and the kubelet's network checks
  iproute2 procps util-linux mount kmod          # ip, ps/pkill, nsenter/findmnt, mount --make-rshared, modprobe
  openssl ca-certificates                        # the entrypoint makes the cluster's CA and certificates at start
)

log() { echo "[build-node-image] $*" >&2; }
[[ $EUID -eq 0 ]] || { log "must run as root (debootstrap, and a rootfs with root-owned files)"; exit 2; }
command -v docker >/dev/null || { log "docker is needed (Debian: apt-get install docker.io)"; exit 2; }
docker info >/dev/null 2>&1 || { log "the docker daemon does not answer (start it: nohup dockerd >/var/log/dockerd.log 2>&1 &)"; exit 2; }

# 1. Kubernetes binaries (does nothing when they are cached).
K8S_DIR="$("$SCRIPTS/build-k8s.sh" --node | tail -n1)"
BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl etcd)
for b in "${BINARIES[@]}"; do [[ -x "$K8S_DIR/$b" ]] || { log "missing $K8S_DIR/$b"; exit 1; }; done

# 2. The image tag: Kubernetes version + a hash of node-image/, this script and the package list.
#    Binaries are identified by their version (build-k8s.sh pins them), not hashed: that would cost seconds.
content_hash="$(
  {
    echo "k8s=$K8S_VERSION packages=${PACKAGES[*]}"
    sha256sum "${BASH_SOURCE[0]}"
    # Documentation (*.md) does not go into the image and does not change the tag.
    (cd "$NODE_SRC" && find . -type f ! -name '*.md' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    (cd "$NODE_SRC" && find . ! -name '*.md' -print0 | LC_ALL=C sort -z | xargs -0 stat -c '%n %a')   # modes matter too
  } | sha256sum | cut -c1-12
)"
IMAGE="$IMAGE_REPO:v$K8S_VERSION-$content_hash"
if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  log "$IMAGE is already built"
  echo "$IMAGE"
  exit 0
fi

START=$SECONDS
OUT="$CACHE_ROOT/node-image"
mkdir -p "$OUT"

# 3. The Debian rootfs, cached as a tar keyed by suite + package list.
pkg_hash="$(echo "$SUITE ${PACKAGES[*]}" | sha256sum | cut -c1-12)"
ROOTFS_TAR="$OUT/rootfs-$SUITE-$pkg_hash.tar"
if [[ ! -f "$ROOTFS_TAR" ]]; then
  command -v debootstrap >/dev/null || { log "installing debootstrap"; apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
  dir="$(mktemp -d "$OUT/debootstrap.XXXXXX")"
  # The trap removes a half-made rootfs; the mounts debootstrap makes are gone by the time it returns.
  trap 'rm -rf --one-file-system "$dir"' EXIT
  log "debootstrap --variant=minbase $SUITE with: ${PACKAGES[*]} (a few minutes, once)"
  debootstrap --variant=minbase --include="$(IFS=,; echo "${PACKAGES[*]}")" "$SUITE" "$dir" "$MIRROR" >"$OUT/debootstrap.log" 2>&1 \
    || { tail -n 30 "$OUT/debootstrap.log" >&2; exit 1; }
  # Security fixes: debootstrap only knows the release suite; take bookworm-security and -updates too.
  cat > "$dir/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb ${MIRROR%/debian}/debian-security $SUITE-security main
EOF
  cp /etc/resolv.conf "$dir/etc/resolv.conf"
  log "apt-get upgrade inside the rootfs (security and point-release fixes)"
  chroot "$dir" /bin/sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -y -qq upgrade' >>"$OUT/debootstrap.log" 2>&1 \
    || { tail -n 30 "$OUT/debootstrap.log" >&2; exit 1; }
  chroot "$dir" apt-get clean
  # Nothing in the image should need these at run time; they only cost space.
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/locale/* "$dir"/etc/resolv.conf
  # containerd's own unit config would be overwritten by ours anyway; keep the rootfs honest about that.
  rm -f "$dir/etc/containerd/config.toml"
  tar -C "$dir" --numeric-owner -cf "$ROOTFS_TAR.tmp" .
  mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
  rm -rf --one-file-system "$dir"
  trap - EXIT
  log "rootfs cached in $ROOTFS_TAR ($(du -h "$ROOTFS_TAR" | cut -f1))"
else
  log "rootfs from cache: $ROOTFS_TAR"
fi

# 4. The pause image, from source: the pause.c in the k8s.io/kubernetes module, compiled static.
command -v gcc >/dev/null || { log "installing gcc"; apt-get update -qq && apt-get install -y -qq gcc libc6-dev >/dev/null; }
GOMODCACHE="$( (command -v go >/dev/null && go env GOMODCACHE) || echo "$HOME/go/pkg/mod")"
PAUSE_C="$GOMODCACHE/k8s.io/kubernetes@v$K8S_VERSION/build/pause/linux/pause.c"
if [[ ! -f "$PAUSE_C" ]]; then
  log "fetching k8s.io/kubernetes@v$K8S_VERSION into the module cache for pause.c"
  (cd "$(mktemp -d)" && GOFLAGS=-mod=mod go mod download "k8s.io/kubernetes@v$K8S_VERSION")
fi
# The version pause prints (-v) is the TAG of build/pause/Makefile beside pause.c.
PAUSE_VERSION="v$(sed -n 's/^TAG ?= //p' "$(dirname "$PAUSE_C")/../Makefile")-mlops"
STAGE="$(mktemp -d "$OUT/stage.XXXXXX")"
trap 'rm -rf --one-file-system "$STAGE"' EXIT
mkdir -p "$STAGE/pause-root"
# Same flags as build/pause/Makefile. The tag we give the image is the sandbox_image containerd asks for
# (etc/containerd/config.toml), not the Makefile's TAG.
gcc -Os -static -Wall -Werror -DVERSION="$PAUSE_VERSION" -o "$STAGE/pause-root/pause" "$PAUSE_C"
strip "$STAGE/pause-root/pause"
"$NODE_SRC/make-image-tar.sh" "$STAGE/pause-root" registry.k8s.io/pause:3.10 "$STAGE/pause.tar" \
  --entrypoint /pause --user 65535:65535

# 5. Assemble: rootfs + binaries + node-image/rootfs overlay + the pause tar.
log "assembling the image"
ROOT="$STAGE/root"
mkdir -p "$ROOT"
tar -C "$ROOT" --numeric-owner -xf "$ROOTFS_TAR"
install -m 0755 -t "$ROOT/usr/local/bin" "${BINARIES[@]/#/$K8S_DIR/}"
cp -a "$NODE_SRC/rootfs/." "$ROOT/"
mkdir -p "$ROOT/usr/local/share/mlops-node/images" "$ROOT/var/lib/mlops-node/images" "$ROOT/var/lib/rancher/k3s/agent/images"
install -m 0644 "$STAGE/pause.tar" "$ROOT/usr/local/share/mlops-node/images/pause.tar"
echo "v$K8S_VERSION-$content_hash" > "$ROOT/etc/mlops-node-version"

# /var/lib/containerd, /var/lib/kubelet and /var/lib/etcd are volumes so that they are plain ext4 (or
# whatever backs docker's volumes), not docker's overlay2: containerd's overlayfs snapshotter cannot
# stack its overlays on an overlay upper directory.
tar -C "$ROOT" --numeric-owner -c . | docker import \
  --change 'ENTRYPOINT ["/usr/local/bin/mlops-node-entrypoint"]' \
  --change 'CMD ["server"]' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV CONTAINERD_NAMESPACE=k8s.io' \
  --change 'ENV CONTAINERD_ADDRESS=/run/containerd/containerd.sock' \
  --change 'ENV KUBECONFIG=/etc/rancher/k3s/k3s.yaml' \
  --change 'VOLUME ["/var/lib/containerd", "/var/lib/kubelet", "/var/lib/etcd"]' \
  --change 'EXPOSE 6443' \
  --change "LABEL org.opencontainers.image.title=mlops-k3s-node org.opencontainers.image.version=v$K8S_VERSION-$content_hash" \
  - "$IMAGE" >/dev/null
log "built $IMAGE in $((SECONDS - START)) s"
echo "$IMAGE"
