#!/usr/bin/env bash
# The operator at scale (issue 19; docs/benchmarks.md "Operator at scale"): a real etcd + kube-apiserver (Service CIDR
# a /16), kube-controller-manager and kube-scheduler, KWOK's simulated nodes (pods become Running and Ready), and the
# operator image run as the chart runs it (its memory limit, its RBAC, leader election). Then N InferenceServices,
# each with its ModelVersion and DriftPolicy, created at once; a wave of N canaries; a minute of steady state.
#
#   flock /tmp/heavy.lock operator/bench/scale.sh [N...]        default: 100 1000
#
# Needs: docker, python3, the Kubernetes binaries (e2e-tests/scripts/build-k8s.sh), and the operator's image tar:
#   ./mvnw -B -q -ntp -pl operator -am package -DskipTests -Dmlops.jre.base="$(e2e-tests/scripts/build-jre-base.sh | tail -1)"
# Options (environment): OPERATOR_MEMORY (the chart's memory limit), OPERATOR_CPUS (none, as the chart), NODES (10),
#   SERVICE_CIDR (10.96.0.0/16), LEADER_ELECTION=false (the chart's replicas hold a Lease), KEEP=1 keeps the cluster's directory,
#   JFR=1 records the operator with Java Flight Recorder (default settings) into <results>/operator.jfr.
#   DIAG=1 turns on native memory tracking and writes <results>/jvm-<phase>.txt after each phase: threads by name,
#   VM.native_memory summary, and after the last phase the class histogram (jcmd in the container; it runs a full GC).
#   STEADY (60): seconds of steady state after all are Ready, the idle CPU's window.
#   Results: operator/target/bench-scale/<N>/.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
K8S_VERSION="${K8S_VERSION:-1.34.4}"
CACHE="${MLOPS_CACHE:-$HOME/.cache/mlops-operator}"
BIN="$CACHE/k8s/$K8S_VERSION"
SERVICE_CIDR="${SERVICE_CIDR:-10.96.0.0/16}"
NODES="${NODES:-10}"
SIZES=("$@"); [[ ${#SIZES[@]} -gt 0 ]] || SIZES=(100 1000)
TAR="$REPO/operator/target/jib-image.tar"

log() { echo "[bench-scale] $*" >&2; }
for b in etcd kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  [[ -x "$BIN/$b" ]] || K8S_VERSION="$K8S_VERSION" bash "$REPO/e2e-tests/scripts/build-k8s.sh" >&2
done
KWOK="$(bash "$REPO/e2e-tests/scripts/build-kwok.sh")"
HELM="$(bash "$REPO/e2e-tests/scripts/build-helm.sh")"
[[ -f "$TAR" ]] || { log "no $TAR: build the operator's image first (see the header of this script)"; exit 2; }
IMAGE="$(docker load -i "$TAR" | sed -n 's/^Loaded image: //p' | tail -1)"
IMAGE_ID="$(docker image inspect -f '{{.Id}}' "$IMAGE")"  # by id: other worktrees load the same tag
log "operator image $IMAGE (${IMAGE_ID:7:12})"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# What one size started; stop() ends exactly these (also on Ctrl-C or a failed step).
pids=(); container=""; dir=""; out=""
stop() {
  if [[ -n "$container" ]]; then
    # A stopped JVM writes its flight recording (dumponexit); a killed one would not.
    [[ -z "${JFR:-}" ]] || docker stop -t 60 "$container" >/dev/null 2>&1 || true
    docker logs "$container" >"$out/operator.log" 2>&1 || true
    docker rm -f "$container" >/dev/null 2>&1 || true
  fi
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  # An API server whose etcd is gone can hang in its graceful shutdown: 30 s, then SIGKILL.
  for p in "${pids[@]}"; do timeout 30 tail --pid="$p" -f /dev/null 2>/dev/null || kill -9 "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [[ -z "$dir" || "${KEEP:-}" == 1 ]] || rm -rf "$dir"
  pids=(); container=""; dir=""
}
trap stop EXIT

run_size() {
  local n="$1"
  dir="$(mktemp -d /tmp/bench-scale.XXXXXX)"
  out="$REPO/operator/target/bench-scale/$n"
  rm -rf "$out"; mkdir -p "$out"
  local etcd_port peer_port api_port token
  etcd_port="$(free_port)"; peer_port="$(free_port)"; api_port="$(free_port)"
  token="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
  openssl genrsa -out "$dir/sa.key" 2048 2>/dev/null
  openssl rsa -in "$dir/sa.key" -pubout -out "$dir/sa.pub" 2>/dev/null
  echo "$token,bench-admin,bench-admin,system:masters" >"$dir/tokens.csv"
  # The audit log keeps one line per request of the operator's ServiceAccount, for requests per verb.
  cat >"$dir/audit.yaml" <<EOF
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived, ResponseStarted]
rules:
  - level: Metadata
    users: ["system:serviceaccount:mlops-system:mlops-operator"]
  - level: None
EOF
  kubeconfig "$dir/admin.kubeconfig" "$api_port" "$token"

  log "N=$n: etcd, kube-apiserver (Service CIDR $SERVICE_CIDR), controller-manager, scheduler, kwok ($NODES nodes) in $dir"
  "$BIN/etcd" --data-dir "$dir/etcd" --listen-client-urls "http://127.0.0.1:$etcd_port" \
    --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls "http://127.0.0.1:$peer_port" \
    --quota-backend-bytes 8589934592 >"$out/etcd.log" 2>&1 & pids+=($!)
  "$BIN/kube-apiserver" --etcd-servers "http://127.0.0.1:$etcd_port" --bind-address 127.0.0.1 --secure-port "$api_port" \
    --cert-dir "$dir/certs" --token-auth-file "$dir/tokens.csv" --authorization-mode RBAC \
    --service-cluster-ip-range "$SERVICE_CIDR" --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$dir/sa.pub" --service-account-signing-key-file "$dir/sa.key" \
    --audit-policy-file "$dir/audit.yaml" --audit-log-path "$out/audit.log" --audit-log-maxsize 0 \
    --max-requests-inflight 800 --max-mutating-requests-inflight 400 >"$out/kube-apiserver.log" 2>&1 & pids+=($!)
  local k=("$BIN/kubectl" --kubeconfig "$dir/admin.kubeconfig")
  until "${k[@]}" get --raw /readyz >/dev/null 2>&1; do sleep 1; done
  "$BIN/kube-controller-manager" --kubeconfig "$dir/admin.kubeconfig" --leader-elect=false --secure-port 0 \
    --service-account-private-key-file "$dir/sa.key" --controllers '*,-nodeipam,-nodelifecycle' \
    --kube-api-qps 500 --kube-api-burst 1000 --concurrent-deployment-syncs 20 --concurrent-replicaset-syncs 20 \
    >"$out/kube-controller-manager.log" 2>&1 & pids+=($!)
  "$BIN/kube-scheduler" --kubeconfig "$dir/admin.kubeconfig" --leader-elect=false --secure-port "$(free_port)" \
    --bind-address 127.0.0.1 --kube-api-qps 500 --kube-api-burst 1000 >"$out/kube-scheduler.log" 2>&1 & pids+=($!)
  "$KWOK" --kubeconfig "$dir/admin.kubeconfig" --manage-all-nodes=false --manage-nodes-with-label-selector type=kwok \
    --cidr 10.244.0.1/16 --node-ip 10.99.0.1 --server-address "127.0.0.1:$(free_port)" >"$out/kwok.log" 2>&1 & pids+=($!)

  for i in $(seq 1 "$NODES"); do node "kwok-node-$i"; done | "${k[@]}" apply -f - >/dev/null
  # The chart's RBAC, ServiceAccount and FlowSchema; the operator runs with a token of that ServiceAccount.
  "${k[@]}" create namespace mlops-system >/dev/null
  "$HELM" template mlops-operator "$REPO/helm/mlops-operator" --kube-version "$K8S_VERSION" --namespace mlops-system \
    -s templates/serviceaccount.yaml -s templates/rbac.yaml -s templates/flowschema.yaml | "${k[@]}" apply -n mlops-system -f - >/dev/null
  until "${k[@]}" get --raw /apis/mlops.seed.dev >/dev/null 2>&1 || "${k[@]}" apply --server-side -f "$REPO/crds" >/dev/null; do sleep 1; done
  "${k[@]}" wait --for condition=established crd --all >/dev/null
  kubeconfig "$dir/operator/kubeconfig" "$api_port" "$("${k[@]}" create token mlops-operator -n mlops-system --duration 4h)"
  chmod -R a+rX "$dir/operator"
  until [[ "$("${k[@]}" get nodes -l type=kwok --no-headers 2>/dev/null | grep -c ' Ready ')" -eq "$NODES" ]]; do sleep 1; done
  # The API server taints a new node not-ready; the node lifecycle controller, left out (a heartbeat late under load
  # would evict every pod), would lift it once KWOK reports the node Ready.
  "${k[@]}" taint nodes -l type=kwok node.kubernetes.io/not-ready:NoSchedule- >/dev/null

  # As the chart's Deployment: its image, memory limit and JAVA_TOOL_OPTIONS, read-only root, uid 10001, /tmp writable.
  local memory java_options chart_value
  chart_value() {
    "$HELM" template mlops-operator "$REPO/helm/mlops-operator" --kube-version "$K8S_VERSION" -s templates/deployment.yaml \
      | "${k[@]}" create --dry-run=client -f - -o jsonpath="{.spec.template.spec.containers[0].$1}"
  }
  memory="$(chart_value resources.limits.memory | sed 's/Mi$/m/; s/Gi$/g/')"
  memory="${OPERATOR_MEMORY:-$memory}"
  java_options="$(chart_value 'env[?(@.name=="JAVA_TOOL_OPTIONS")].value')"
  local jfr_volume=()
  if [[ -n "${JFR:-}" ]]; then
    mkdir -p "$out/jfr"; chmod 777 "$out/jfr"; jfr_volume=(-v "$out/jfr:/jfr")
    java_options="$java_options -XX:StartFlightRecording=filename=/jfr/operator.jfr,settings=default,dumponexit=true"
  fi
  [[ -z "${DIAG:-}" ]] || java_options="$java_options -XX:NativeMemoryTracking=summary"
  container="$(docker run -d --name "bench-scale-operator-$$-$n" --network host --read-only --tmpfs /tmp:exec --user 10001 \
    --memory "$memory" --memory-swap "$memory" ${OPERATOR_CPUS:+--cpus "$OPERATOR_CPUS"} ${java_options:+-e JAVA_TOOL_OPTIONS="$java_options"} \
    -v "$dir/operator:/kube:ro" "${jfr_volume[@]}" -e KUBECONFIG=/kube/kubeconfig -e QUARKUS_HTTP_PORT="$(free_port)" \
    -e MLOPS_NAMESPACES= -e MLOPS_LEADER_ELECTION_LEASE_NAMESPACE=mlops-system ${LEADER_ELECTION:+-e MLOPS_LEADER_ELECTION_ENABLED="$LEADER_ELECTION"} \
    "$IMAGE_ID")"
  local pid port
  pid="$(docker inspect -f '{{.State.Pid}}' "$container")"
  port="$(docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$container" | sed -n 's/^QUARKUS_HTTP_PORT=//p')"
  log "N=$n: operator container ${container:0:12} (pid $pid, memory limit $memory, JAVA_TOOL_OPTIONS ${java_options:-as in the image}, http :$port)"
  python3 "$REPO/operator/bench/scale.py" --n "$n" --api "https://127.0.0.1:$api_port" --token "$token" \
    --operator-pid "$pid" --operator-metrics "http://127.0.0.1:$port/q/metrics" --audit "$out/audit.log" \
    --out "$out" --nodes "$NODES" ${STEADY:+--steady "$STEADY"} ${DIAG:+--operator-container "$container"} --memory-limit "$memory${java_options:+, JAVA_TOOL_OPTIONS $java_options}" | tee "$out/summary.md"
  stop
}

kubeconfig() {
  mkdir -p "$(dirname "$1")"
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: bench, cluster: {server: "https://127.0.0.1:$2", insecure-skip-tls-verify: true}}]
users: [{name: bench, user: {token: "$3"}}]
contexts: [{name: bench, context: {cluster: bench, user: bench}}]
current-context: bench
EOF
}

node() {
  cat <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: $1
  labels: {type: kwok, kubernetes.io/hostname: $1, kubernetes.io/os: linux, kubernetes.io/arch: amd64}
  annotations: {node.alpha.kubernetes.io/ttl: "0", kwok.x-k8s.io/node: fake}
status:
  allocatable: {cpu: "1000", memory: 4Ti, pods: "1000"}
  capacity: {cpu: "1000", memory: 4Ti, pods: "1000"}
EOF
}

for n in "${SIZES[@]}"; do run_size "$n"; done
