#!/usr/bin/env bash
# Builds the base image of the three product images without Docker and without any registry: a Debian 12
# (bookworm) minbase made with debootstrap, plus a Java 17 JRE and the libraries the XGBoost / ONNX Runtime
# natives link against, trimmed, with a non-root user 10001, packed as a docker-archive tar (one layer, its
# config JSON, manifest.json) that Jib reads as a `tar://` base image and `docker load` accepts.
#
#   e2e-tests/scripts/build-jre-base.sh     prints the path of the image tar as its last stdout line
#
# The tar is cached under $MLOPS_CACHE/images/ (default ~/.cache/mlops-operator/images/), named by a hash of this
# script (which holds the package list, suite and trimming), so a second run only prints the path.
# Needs root (debootstrap and chroot), network access to the Debian mirror, debootstrap, tar, gzip, sha256sum.
# Env: MLOPS_CACHE, DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail

SUITE=bookworm
ARCH=amd64
# openjdk-17-jre-headless: the JRE. libgomp1: OpenMP, needed by libxgboost4j.so (trainer and DJL's XGBoost engine).
# ca-certificates: the Java trust store (ca-certificates-java builds /etc/ssl/certs/java/cacerts from it).
# libstdc++6 / libgcc-s1 (ONNX Runtime and XGBoost natives) come with minbase; the build checks every
# native's links with ldd before packing (see check_natives below).
PACKAGES=(openjdk-17-jre-headless libgomp1 ca-certificates)
IMAGE_REF="mlops-jre-base:17-$SUITE"
UID_GID=10001
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

log() { echo "[build-jre-base] $*" >&2; }

CACHE="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}/images"
KEY="$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)"
OUT="$CACHE/jre-base-$KEY.tar"
if [[ -s "$OUT" ]]; then
  echo "$OUT"
  exit 0
fi

[[ "$(id -u)" == 0 ]] || { log "needs root (debootstrap and chroot); run it as root or with sudo"; exit 2; }
command -v debootstrap >/dev/null || { log "debootstrap is missing: apt-get install -y debootstrap"; exit 2; }
[[ "$(dpkg --print-architecture 2>/dev/null || echo "$ARCH")" == "$ARCH" ]] || { log "builds $ARCH images only"; exit 2; }

mkdir -p "$CACHE/debs"
WORK="$(mktemp -d "$CACHE/.build-$KEY.XXXXXX")"
ROOT="$WORK/rootfs"
cleanup() {
  # debootstrap mounts /proc and /sys in the target; never leave them mounted, never rm through a mount.
  for m in proc sys dev/pts dev; do mountpoint -q "$ROOT/$m" 2>/dev/null && umount -l "$ROOT/$m" || true; done
  rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT
started=$SECONDS

log "debootstrap --variant=minbase $SUITE with ${PACKAGES[*]} (a few minutes the first time; .debs cached in $CACHE/debs)"
include="$(IFS=,; echo "${PACKAGES[*]}")"
if ! debootstrap --variant=minbase --arch="$ARCH" --include="$include" --cache-dir="$CACHE/debs" \
    "$SUITE" "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1; then
  tail -n 30 "$WORK/debootstrap.log" >&2
  [[ -f "$ROOT/debootstrap/debootstrap.log" ]] && tail -n 30 "$ROOT/debootstrap/debootstrap.log" >&2
  log "debootstrap failed"
  exit 1
fi
for m in proc sys dev/pts dev; do mountpoint -q "$ROOT/$m" && umount -l "$ROOT/$m" || true; done

JAVA_HOME="$(chroot "$ROOT" readlink -f /usr/bin/java)"
JAVA_HOME="${JAVA_HOME%/bin/java}"
[[ -x "$ROOT$JAVA_HOME/bin/java" ]] || { log "no java in the root file system"; exit 1; }
[[ -s "$ROOT/etc/ssl/certs/java/cacerts" ]] || { log "no Java trust store (/etc/ssl/certs/java/cacerts)"; exit 1; }

# What the image runs as: uid/gid 10001, home /home/mlops (writable only when the root file system is).
echo "mlops:x:$UID_GID:" >>"$ROOT/etc/group"
echo "mlops:!:$UID_GID:" >>"$ROOT/etc/gshadow"
echo "mlops:x:$UID_GID:$UID_GID:mlops:/home/mlops:/usr/sbin/nologin" >>"$ROOT/etc/passwd"
echo "mlops:!:19000:0:99999:7:::" >>"$ROOT/etc/shadow"
install -d -m 0750 -o "$UID_GID" -g "$UID_GID" "$ROOT/home/mlops"
install -d -m 0755 "$ROOT/app"

# Trim: package caches and lists, docs (copyright files stay), man/info pages, translations, logs,
# debootstrap's leftovers and anything of the build host (resolv.conf, hostname, machine-id).
chroot "$ROOT" /usr/bin/apt-get clean >/dev/null 2>&1 || true
rm -rf "$ROOT"/var/cache/apt/* "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/debconf/*-old \
       "$ROOT"/var/lib/dpkg/*-old "$ROOT"/var/log/* "$ROOT"/var/cache/ldconfig/aux-cache \
       "$ROOT"/usr/share/man "$ROOT"/usr/share/info "$ROOT"/usr/share/lintian "$ROOT"/usr/share/linda \
       "$ROOT"/usr/share/bug "$ROOT"/usr/share/menu "$ROOT"/debootstrap
find "$ROOT/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
find "$ROOT/usr/share/doc" -mindepth 1 -type d -empty -delete
find "$ROOT/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
rm -rf "$ROOT"/dev/* "$ROOT"/proc/* "$ROOT"/sys/* "$ROOT"/run/* "$ROOT"/tmp/* "$ROOT"/var/tmp/*
: >"$ROOT/etc/hostname"
rm -f "$ROOT/etc/resolv.conf" "$ROOT/etc/machine-id" "$ROOT/var/lib/dbus/machine-id"
chmod 1777 "$ROOT/tmp" "$ROOT/var/tmp"

# Every shared library in the JRE resolves (the natives DJL and xgboost4j unpack at run time need libc,
# libstdc++, libgcc_s, libm, libgomp: the product builds check those against this image).
links="$(chroot "$ROOT" /bin/sh -c "find $JAVA_HOME -name '*.so' -exec ldd {} + 2>&1" || true)"
# (libjvm.so is not on the search path: the launcher dlopens lib/server/libjvm.so.)
missing="$(grep 'not found' <<<"$links" | grep -v '^\s*libjvm\.so ' || true)"
if [[ -n "$missing" ]]; then
  log "a JRE library does not resolve: $missing"; exit 1
fi
libs="$(chroot "$ROOT" /sbin/ldconfig -p)"
for lib in libgomp.so.1 libstdc++.so.6 libgcc_s.so.1; do
  grep -qF "$lib" <<<"$libs" || { log "$lib is missing"; exit 1; }
done
# The JVM finds libjli.so through $ORIGIN, which glibc resolves with /proc/self/exe.
mount -t proc proc "$ROOT/proc"
chroot "$ROOT" "$JAVA_HOME/bin/java" -Xshare:auto -version 2>&1 | sed 's/^/[build-jre-base]   /' >&2
umount "$ROOT/proc"
chroot "$ROOT" dpkg-query -W -f='${Package} ${Version}\n' >"$WORK/packages.txt"

# One layer; fixed order, numeric owners and one mtime so the same file system packs to the same bytes.
log "packing $(du -sh --apparent-size "$ROOT" | cut -f1) of root file system"
mkdir -p "$WORK/image"
(cd "$ROOT" && find . -mindepth 1 -maxdepth 1 -printf '%P\n' | LC_ALL=C sort) >"$WORK/top"
tar -C "$ROOT" --sort=name --numeric-owner --mtime='2025-01-01 00:00:00Z' --xattrs --xattrs-include='security.capability' \
    -cf "$WORK/layer.tar" -T "$WORK/top"
diff_id="sha256:$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)"
gzip -n -6 "$WORK/layer.tar"
layer_blob="$(sha256sum "$WORK/layer.tar.gz" | cut -d' ' -f1)"
mv "$WORK/layer.tar.gz" "$WORK/image/$layer_blob.tar.gz"

java_version="$(chroot "$ROOT" dpkg-query -W -f='${Version}' openjdk-17-jre-headless)"
created="2025-01-01T00:00:00Z"
cat >"$WORK/config.json" <<EOF
{
  "architecture": "$ARCH",
  "os": "linux",
  "created": "$created",
  "config": {
    "User": "$UID_GID:$UID_GID",
    "WorkingDir": "/app",
    "Env": [
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "JAVA_HOME=$JAVA_HOME",
      "LANG=C.UTF-8"
    ],
    "Labels": {
      "org.opencontainers.image.title": "mlops-jre-base",
      "org.opencontainers.image.description": "Debian $SUITE minbase, OpenJDK 17 JRE $java_version, libgomp1, ca-certificates; user $UID_GID",
      "org.opencontainers.image.base.name": "debian:$SUITE (debootstrap --variant=minbase)",
      "org.opencontainers.image.version": "17-$SUITE-$KEY"
    }
  },
  "rootfs": { "type": "layers", "diff_ids": ["$diff_id"] },
  "history": [ { "created": "$created", "created_by": "e2e-tests/scripts/build-jre-base.sh ($KEY): debootstrap --variant=minbase $SUITE + ${PACKAGES[*]}" } ]
}
EOF
config_digest="$(sha256sum "$WORK/config.json" | cut -d' ' -f1)"
mv "$WORK/config.json" "$WORK/image/$config_digest.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s.tar.gz"]}]\n' \
  "$config_digest" "$IMAGE_REF" "$layer_blob" >"$WORK/image/manifest.json"
tar -C "$WORK/image" --sort=name --numeric-owner --owner=0 --group=0 --mtime="$created" -cf "$WORK/image.tar" \
    manifest.json "$config_digest.json" "$layer_blob.tar.gz"

mv "$WORK/packages.txt" "${OUT%.tar}.packages.txt"
mv "$WORK/image.tar" "$OUT"
# Bases of earlier versions of this script are not used any more.
find "$CACHE" -maxdepth 1 -name 'jre-base-*' ! -name "jre-base-$KEY.*" -delete
ln -sfn "$(basename "$OUT")" "$CACHE/jre-base.tar"
log "built $IMAGE_REF in $((SECONDS - started))s: $(du -h "$OUT" | cut -f1) compressed; packages in ${OUT%.tar}.packages.txt"
echo "$OUT"
