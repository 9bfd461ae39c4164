#!/usr/bin/env bash
# A virtualenv with packages from PyPI in DIR, made once: does nothing when DIR/.complete is there.
#   e2e-tests/scripts/python-venv.sh <tag> <DIR> <package>...    <tag> prefixes its progress lines
set -euo pipefail
TAG="$1" OUT="$2"; shift 2
if [[ ! -x "$OUT/bin/python" || ! -f "$OUT/.complete" ]]; then
  command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq python3 python3-venv >/dev/null; }
  echo "[$TAG] installing $* from PyPI into $OUT (once)" >&2
  rm -rf "$OUT" && python3 -m venv "$OUT"
  "$OUT/bin/pip" install -q --disable-pip-version-check "$@" >"$OUT.log" 2>&1 \
    || { echo "[$TAG] pip failed: see $OUT.log" >&2; tail -20 "$OUT.log" >&2; exit 1; }
  touch "$OUT/.complete"
fi
