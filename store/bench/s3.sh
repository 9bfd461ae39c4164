#!/usr/bin/env bash
# Upload and download MB/s to a local S3 server (SeaweedFS's `weed mini`, built by e2e-tests/scripts/build-seaweedfs.sh)
# through the store module (store/bench/S3Transfer.java on the packaged trainer's jars) against boto3 on the same files
# in the same run: boto3 with its defaults (8 MiB parts, 10 threads) and boto3 as the store module transfers (16 MiB
# parts, one at a time). SIZES_MB (default "256 1024") random files, ROUNDS (default 2) rounds, the best of each.
# Writes docs/benchmarks/s3.md. Run it alone: flock /tmp/heavy.lock store/bench/s3.sh
#
# Not part of ./mvnw verify. Needs: java 17, go (first build of SeaweedFS), python3 with venv, network to PyPI on the
# first run only, and 3 x the largest size free in TMPDIR.
set -euo pipefail

SIZES_MB=${SIZES_MB:-256 1024}
ROUNDS=${ROUNDS:-2}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${MLOPS_CACHE:-$HOME/.cache/mlops-operator}
OUT=${OUT:-$REPO/docs/benchmarks/s3.md}
VENV=$CACHE/bench-s3-venv
LIB=$REPO/trainer/target/lib
WORK=$(mktemp -d "${TMPDIR:-/tmp}/s3-bench.XXXXXX")
WEED_PID=
cleanup() { [[ -z $WEED_PID ]] || { kill "$WEED_PID" 2>/dev/null; wait "$WEED_PID" 2>/dev/null; } || true; [[ -n ${KEEP_WORK:-} ]] || rm -rf "$WORK"; }
trap cleanup EXIT

log() { printf '[bench] %s\n' "$*" >&2; }

if [[ ! -d $LIB || -n ${REBUILD:-} ]]; then
  log "building the trainer (its lib/ holds the store module and the AWS SDK)"
  (cd "$REPO" && ./mvnw -q -pl trainer -am package -DskipTests)
fi
if ! "$VENV/bin/python" -c "import boto3" 2>/dev/null; then
  log "installing boto3 into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q boto3
fi
WEED=$("$REPO/e2e-tests/scripts/build-seaweedfs.sh")

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
S3_PORT=$(free_port)
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=$(python3 -c 'import uuid; print(uuid.uuid4())')
export AWS_ENDPOINT_URL=http://127.0.0.1:$S3_PORT AWS_REGION=us-east-1 MLOPS_S3_PATH_STYLE=true
cat > "$WORK/s3.json" <<JSON
{"identities": [{"name": "bench", "credentials": [{"accessKey": "$AWS_ACCESS_KEY_ID", "secretKey": "$AWS_SECRET_ACCESS_KEY"}],
  "actions": ["Admin", "Read", "List", "Tagging", "Write"]}]}
JSON
mkdir -p "$WORK/data"
ports=()
for flag in s3.port.grpc master.port master.port.grpc volume.port volume.port.grpc filer.port filer.port.grpc; do
  ports+=("-$flag=$(free_port)")
done
log "starting SeaweedFS on port $S3_PORT"
"$WEED" mini -dir="$WORK/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 -s3.config="$WORK/s3.json" -bucket=bench \
  -s3.port="$S3_PORT" -s3.autoCreateBucket=false -s3.port.iceberg=0 -s3.port.lance=0 -webdav=false -admin.ui=false \
  -master.telemetry=false "${ports[@]}" > "$WORK/weed.log" 2>&1 &
WEED_PID=$!
"$VENV/bin/python" - <<'PY'
import time, boto3
s3 = boto3.client("s3")
for _ in range(360):
    try:
        s3.list_objects_v2(Bucket="bench", MaxKeys=1)
        break
    except Exception:
        time.sleep(0.25)
else:
    raise SystemExit("SeaweedFS did not answer")
PY

store() { java -cp "$LIB/*" "$REPO/store/bench/S3Transfer.java" "$@"; }
boto() { # mode direction key file
  "$VENV/bin/python" - "$@" <<'PY'
import sys, time, boto3
from boto3.s3.transfer import TransferConfig
mode, direction, key, path = sys.argv[1:]
config = TransferConfig() if mode == "default" else TransferConfig(
    multipart_threshold=16 << 20, multipart_chunksize=16 << 20, max_concurrency=1, use_threads=False)
s3 = boto3.client("s3")
s3.list_objects_v2(Bucket="bench", MaxKeys=1)  # the client's start and first connection, as the store's side does
start = time.perf_counter()
if direction == "upload":
    s3.upload_file(path, "bench", key, Config=config)
else:
    s3.download_file("bench", key, path, Config=config)
print(f"{time.perf_counter() - start:.3f}")
PY
}

LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
: > "$WORK/results"
for mb in $SIZES_MB; do
  log "writing a $mb MB random file"
  head -c "$((mb * 1000 * 1000))" /dev/urandom > "$WORK/file-$mb"
  for round in $(seq "$ROUNDS"); do
    for client in store boto3-default boto3-sequential; do
      key=$client-$mb
      case $client in
        store) up=$(store upload "s3://bench/$key" "$WORK/file-$mb"); down=$(store download "s3://bench/$key" "$WORK/back") ;;
        boto3-default) up=$(boto default upload "$key" "$WORK/file-$mb"); down=$(boto default download "$key" "$WORK/back") ;;
        *) up=$(boto sequential upload "$key" "$WORK/file-$mb"); down=$(boto sequential download "$key" "$WORK/back") ;;
      esac
      cmp -s "$WORK/file-$mb" "$WORK/back" || { log "$client: the downloaded $mb MB file differs"; exit 1; }
      rm "$WORK/back"
      log "$mb MB, round $round, $client: upload $up s, download $down s"
      echo "$mb $client $up $down" >> "$WORK/results"
    done
  done
  rm "$WORK/file-$mb"
done
LOAD_END=$(cut -d' ' -f1 /proc/loadavg)
BOTO3=$("$VENV/bin/python" -c 'import boto3; print(boto3.__version__)')
export ROUNDS LOAD_START LOAD_END BOTO3

mkdir -p "$(dirname "$OUT")"
python3 - "$WORK/results" "$OUT" <<'PY'
import datetime, os, platform, sys
from collections import defaultdict
best = defaultdict(lambda: [float("inf"), float("inf")])
for line in open(sys.argv[1]):
    mb, client, up, down = line.split()
    cell = best[(int(mb), client)]
    cell[0], cell[1] = min(cell[0], float(up)), min(cell[1], float(down))
rows = []
for mb in sorted({mb for mb, _ in best}):
    store_up, store_down = (mb / t for t in best[(mb, "store")])
    default_up, default_down = (mb / t for t in best[(mb, "boto3-default")])
    seq_up, seq_down = (mb / t for t in best[(mb, "boto3-sequential")])
    rows.append(f"| {mb:,} MB | upload | **{store_up:,.0f}** | {default_up:,.0f} | {seq_up:,.0f} "
                f"| {store_up / default_up:.2f}× | {store_up / seq_up:.2f}× |")
    rows.append(f"| {mb:,} MB | download | **{store_down:,.0f}** | {default_down:,.0f} | {seq_down:,.0f} "
                f"| {store_down / default_down:.2f}× | {store_down / seq_down:.2f}× |")
text = f"""# Object store transfers (S3)

Random files uploaded to and downloaded from a local SeaweedFS (`weed mini`, built from its Go module by
e2e-tests/scripts/build-seaweedfs.sh; data on the local disk) through the **store module** (`S3Store.upload`: one PUT
up to 16 MiB, 16 MiB parts one at a time above; `S3Store.open`: one streamed GET; AWS SDK for Java v2, url-connection
client), beside **boto3 {os.environ['BOTO3']}** on the same files in the same run: with its defaults (8 MiB parts,
10 threads, ranged GETs in parallel) and configured as the store module transfers (16 MiB parts, one thread). MB/s
in 10^6 bytes; the best of {os.environ['ROUNDS']} rounds; each time is one whole transfer after one small request on a new client (the client's
start and first connection excluded; the JVM's JIT compiler still warms up during the transfer); every download is
compared with the file.

Reproduce: `flock /tmp/heavy.lock store/bench/s3.sh` (writes this file; `SIZES_MB`, `ROUNDS`, `OUT` override the
defaults).

| file | direction | store module MB/s | boto3 default MB/s | boto3 16 MiB, 1 thread MB/s | store / boto3 default | store / boto3 same settings |
| --- | --- | --- | --- | --- | --- | --- |
""" + "\n".join(rows) + f"""

Measured {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} on {os.cpu_count()} cores
({platform.machine()}), client and server on the same machine, load average {os.environ['LOAD_START']} at the start and
{os.environ['LOAD_END']} at the end (a shared machine: absolute figures are noisy, the clients ran back to back).
"""
open(sys.argv[2], "w").write(text)
print(text)
PY
