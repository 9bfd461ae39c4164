#!/usr/bin/env bash
# Sourced by the build scripts: runs a Go command with its output in a log file and prints one progress line
# every 30 s instead (a cold module cache makes `go` print hundreds of "go: downloading" lines).
#
#   with_progress TAG LOG command...    on failure prints the log's last 40 lines and returns the command's status
#   go_install_cached TAG OUT "BIN..." ARG...
#                                       `go install ARG...` into the cache directory OUT unless every BIN is there;
#                                       statically linked, module mode (the env may add GOTOOLCHAIN and the like)

with_progress() {
  local tag="$1" log="$2"; shift 2
  local start=$SECONDS pid status
  mkdir -p "$(dirname "$log")"
  "$@" >"$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null || break
    echo "[$tag] ... $((SECONDS - start)) s, $(grep -c '^go: downloading' "$log" || true) modules downloaded so far" >&2
  done
  status=0; wait "$pid" || status=$?
  if [[ $status -ne 0 ]]; then
    echo "[$tag] failed (exit $status) after $((SECONDS - start)) s; the last lines of $log:" >&2
    tail -n 40 "$log" >&2
  else
    echo "[$tag] done in $((SECONDS - start)) s ($(grep -c '^go: downloading' "$log" || true) modules downloaded; log: $log)" >&2
  fi
  return "$status"
}

go_install_cached() {
  local tag="$1" out="$2" bins="$3" bin missing=""
  shift 3
  for bin in $bins; do [[ -x "$out/$bin" ]] || missing=1; done
  [[ -n "$missing" ]] || return 0
  echo "[$tag] building $bins from the Go module proxy (a few minutes on 2 cores)" >&2
  mkdir -p "$out"
  rm -rf "$out/.tmp"
  GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0 GOBIN="$out/.tmp" with_progress "$tag" "$out/build.log" go install "$@"
  for bin in $bins; do mv "$out/.tmp/$bin" "$out/$bin"; done
  rmdir "$out/.tmp"
}
