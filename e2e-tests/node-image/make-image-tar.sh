#!/usr/bin/env bash
# Packs a directory into a one-layer image tar in the docker-archive format (the format of
# `docker save`, which `ctr images import` and `docker load` both read), by hand: no registry, no
# builder. Used for the node's pause image and for small test images.
#
#   make-image-tar.sh ROOTDIR IMAGE_REF OUT.tar [--entrypoint ARG]... [--cmd ARG]... [--user UID:GID] [--env K=V]...
#
# Each --entrypoint / --cmd adds one element to that array. The tar is reproducible: same input, same bytes.
set -euo pipefail

usage() { echo "usage: $0 ROOTDIR IMAGE_REF OUT.tar [--entrypoint ARG]... [--cmd ARG]... [--user U] [--env K=V]..." >&2; exit 2; }
[[ $# -ge 3 ]] || usage
root="$1" ref="$2" out="$3"; shift 3
[[ -d "$root" ]] || { echo "$0: $root is not a directory" >&2; exit 2; }

json_str() { local s="${1//\\/\\\\}"; s="${s//\"/\\\"}"; printf '"%s"' "$s"; }
json_arr() { local first=1; printf '['; for a in "$@"; do [[ $first -eq 1 ]] || printf ','; first=0; json_str "$a"; done; printf ']'; }

entrypoint=() cmd=() envs=("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin") user=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --entrypoint) entrypoint+=("$2"); shift 2 ;;
    --cmd) cmd+=("$2"); shift 2 ;;
    --user) user="$2"; shift 2 ;;
    --env) envs+=("$2"); shift 2 ;;
    *) usage ;;
  esac
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The layer: owned by root, fixed mtimes, sorted, so its digest depends on content only.
tar -C "$root" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$work/layer.tar" .
layer_sha="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"

config="{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"1970-01-01T00:00:00Z\",\"config\":{\"Env\":$(json_arr "${envs[@]}")"
[[ ${#entrypoint[@]} -gt 0 ]] && config+=",\"Entrypoint\":$(json_arr "${entrypoint[@]}")"
[[ ${#cmd[@]} -gt 0 ]] && config+=",\"Cmd\":$(json_arr "${cmd[@]}")"
[[ -n "$user" ]] && config+=",\"User\":$(json_str "$user")"
config+="},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:$layer_sha\"]},"
config+="\"history\":[{\"created\":\"1970-01-01T00:00:00Z\",\"created_by\":\"make-image-tar.sh\"}]}"
printf '%s' "$config" > "$work/config.json"
config_sha="$(sha256sum "$work/config.json" | cut -d' ' -f1)"

mkdir -p "$work/out/$layer_sha"
mv "$work/layer.tar" "$work/out/$layer_sha/layer.tar"
echo '1.0' > "$work/out/$layer_sha/VERSION"
mv "$work/config.json" "$work/out/$config_sha.json"
printf '[{"Config":"%s.json","RepoTags":[%s],"Layers":["%s/layer.tar"]}]' "$config_sha" "$(json_str "$ref")" "$layer_sha" > "$work/out/manifest.json"
# `docker load` of older engines also reads the legacy "repositories" file.
printf '{%s:{%s:"%s"}}' "$(json_str "${ref%:*}")" "$(json_str "${ref##*:}")" "$layer_sha" > "$work/out/repositories"
tar -C "$work/out" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$out" .
echo "$out: $ref (layer sha256:${layer_sha:0:12}, $(du -h "$out" | cut -f1))" >&2
