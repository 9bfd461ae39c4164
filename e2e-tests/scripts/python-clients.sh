#!/usr/bin/env bash
# A virtualenv with the standard inference clients from PyPI, cached by their versions; does nothing when it is there.
#   e2e-tests/scripts/python-clients.sh      prints the path of the virtualenv (its bin/python runs the client tests)
set -euo pipefail
KSERVE_VERSION="${KSERVE_VERSION:-0.21.0}"
TRITONCLIENT_VERSION="${TRITONCLIENT_VERSION:-2.73.0}"
PACKAGES=("kserve==$KSERVE_VERSION" "tritonclient[http,grpc]==$TRITONCLIENT_VERSION" "pytest==8.4.2" "numpy")
OUT="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}/python-clients/kserve-$KSERVE_VERSION-tritonclient-$TRITONCLIENT_VERSION"
if [[ ! -x "$OUT/bin/python" || ! -f "$OUT/.complete" ]]; then
  command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq python3 python3-venv >/dev/null; }
  echo "[python-clients] installing ${PACKAGES[*]} from PyPI into $OUT (once)" >&2
  rm -rf "$OUT" && python3 -m venv "$OUT"
  "$OUT/bin/pip" install -q --disable-pip-version-check "${PACKAGES[@]}" >"$OUT.log" 2>&1 \
    || { echo "[python-clients] pip failed: see $OUT.log" >&2; tail -20 "$OUT.log" >&2; exit 1; }
  touch "$OUT/.complete"
fi
echo "$OUT"
