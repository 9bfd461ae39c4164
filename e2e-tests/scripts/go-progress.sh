#!/usr/bin/env bash
# Sourced by the build scripts: runs a Go command with its output in a log file and prints one progress line
# every 30 s instead (a cold module cache makes `go` print hundreds of "go: downloading" lines).
#
#   with_progress TAG LOG command...    on failure prints the log's last 40 lines and returns the command's status

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
