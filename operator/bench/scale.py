#!/usr/bin/env python3
"""The workload and the measurements of operator/bench/scale.sh (standard library only).

Creates N ModelVersions (hand-made, Validated), N DriftPolicies and N InferenceServices at once, then a ModelVersion 2
of every model at once (N canaries), then leaves the operator alone for a minute; prints one Markdown table.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import ssl
import statistics
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime

NS = "bench"
GROUP = "/apis/mlops.seed.dev/v1alpha1/namespaces/" + NS
TICKS = os.sysconf("SC_CLK_TCK")


class Api:
    def __init__(self, base, token):
        self.base, self.token = base, token
        self.ctx = ssl.create_default_context()
        self.ctx.check_hostname = False
        self.ctx.verify_mode = ssl.CERT_NONE

    def call(self, method, path, body=None, raw=False):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + self.token, "Content-Type": "application/json"})
        for attempt in range(5):
            try:
                with urllib.request.urlopen(req, context=self.ctx, timeout=120) as r:
                    text = r.read()
                    return text.decode() if raw else json.loads(text)
            except urllib.error.HTTPError as e:
                if e.code == 409 and method == "POST":
                    return None
                if e.code < 500 and e.code != 429:
                    raise RuntimeError(f"{method} {path}: {e.code} {e.read()[:300]}")
                time.sleep(1 + attempt)
        raise RuntimeError(f"{method} {path}: gave up")


def model_version(i, version):
    return {"apiVersion": "mlops.seed.dev/v1alpha1", "kind": "ModelVersion",
            "metadata": {"name": f"m{i}-v{version}",
                         "annotations": {"mlops.seed.dev/gate-decision": "Validated", "mlops.seed.dev/gate-reason": "bench"}},
            "spec": {"model": f"m{i}", "version": version,
                     "artifact": {"uri": f"pvc://mlops-store/models/m{i}/{version}", "format": "onnx",
                                  "sha256": "3b5d5c3712955042212316173ccf37be800f8ae4d4bd2a2e4e1e0b5a0c7a3f1e"},
                     "schema": {"task": "binary", "label": "y", "features": [{"name": "x", "type": "numeric"}]},
                     "metrics": {"auc": 0.9}}}


def inference_service(i):
    return {"apiVersion": "mlops.seed.dev/v1alpha1", "kind": "InferenceService", "metadata": {"name": f"s{i}"},
            "spec": {"model": f"m{i}", "replicas": 1,
                     "resources": {"requests": {"cpu": "10m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}},
                     "canary": {"steps": [{"weight": 50, "pause": "20s"}, {"weight": 100}],
                                "analysis": {"interval": "10s", "failureLimit": 1}}}}


def drift_policy(i):
    return {"apiVersion": "mlops.seed.dev/v1alpha1", "kind": "DriftPolicy", "metadata": {"name": f"d{i}"},
            "spec": {"targetRef": {"name": f"s{i}"}, "metric": "psi", "checkInterval": "1m"}}


class Sampler(threading.Thread):
    """The operator process's CPU seconds and RSS, once a second, from /proc (the container's java is a host pid)."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.samples, self.stopped = pid, [], False

    def read(self):
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / TICKS
        with open(f"/proc/{self.pid}/status") as f:
            rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024
        return time.time(), cpu, rss

    def run(self):
        while not self.stopped:
            try:
                self.samples.append(self.read())
            except (FileNotFoundError, ProcessLookupError, StopIteration):
                self.samples.append((time.time(), None, None))
            time.sleep(1)

    def window(self, start, end):
        return [s for s in self.samples if start <= s[0] <= end and s[1] is not None]


def parse_ts(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def counters(text, prefix):
    """Sums Prometheus counters whose name starts with prefix, by (name, the label that names a controller or verb)."""
    sums = {}
    for line in text.splitlines():
        if not line.startswith(prefix):
            continue
        m = re.match(r'([a-zA-Z_:]+)(\{[^}]*\})?\s+([0-9.eE+-]+)', line)
        if not m:
            continue
        labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2) or ""))
        key = (m.group(1), labels.get("controller_name") or labels.get("controller") or labels.get("verb", ""))
        sums[key] = sums.get(key, 0) + float(m.group(3))
    return sums


def jvm_memory(text):
    """Heap and non-heap committed, metaspace used, direct buffers and live threads, in MiB / count, from Micrometer's JVM metrics."""
    values = {}
    for line in text.splitlines():
        m = re.match(r'(jvm_memory_committed_bytes|jvm_memory_used_bytes|jvm_buffer_memory_used_bytes|jvm_threads_live_threads)(\{[^}]*\})?\s+([0-9.eE+-]+)', line)
        if m:
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2) or ""))
            key = (m.group(1), labels.get("area") or labels.get("id", ""), labels.get("id", ""))
            values[key] = values.get(key, 0) + float(m.group(3))

    def total(metric, area=None, pool=None):
        return sum(v for (name, a, i), v in values.items() if name == metric and (area is None or a == area) and (pool is None or i == pool))
    mib = 1024 * 1024
    return (f"heap {total('jvm_memory_used_bytes', 'heap') / mib:.0f} used / {total('jvm_memory_committed_bytes', 'heap') / mib:.0f} committed, "
            f"non-heap {total('jvm_memory_committed_bytes', 'nonheap') / mib:.0f} committed (metaspace "
            f"{total('jvm_memory_used_bytes', 'nonheap', 'Metaspace') / mib:.0f}), direct {total('jvm_buffer_memory_used_bytes', 'direct', 'direct') / mib:.0f}, "
            f"{total('jvm_threads_live_threads'):.0f} threads")


def audit_verbs(path, start, end):
    verbs = {}
    with open(path) as f:
        for line in f:
            event = json.loads(line)
            t = datetime.fromisoformat(event["requestReceivedTimestamp"].replace("Z", "+00:00")).timestamp()
            if start <= t <= end:
                verb = event["verb"] + ("" if event["objectRef"].get("subresource") is None else "/" + event["objectRef"]["subresource"])
                verbs[verb] = verbs.get(verb, 0) + 1
    return verbs


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


class Bench:
    def __init__(self, args):
        self.args, self.api = args, Api(args.api, args.token)
        self.sampler = Sampler(args.operator_pid)
        self.rows = []

    def scrape(self):
        text = urllib.request.urlopen(self.args.operator_metrics, timeout=60).read().decode()
        return text, counters(text, "reconciliations")

    def create_all(self, objects, workers=16):
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            list(pool.map(lambda o: self.api.call("POST", o[0], o[1]), objects))

    def services(self):
        return self.api.call("GET", GROUP + "/inferenceservices")["items"]

    def wait(self, done, timeout):
        start = time.time()
        while time.time() - start < timeout:
            items = self.services()
            if done(items):
                return time.time(), items
            time.sleep(2)
        return None, self.services()

    def phase(self, name, start, end, extra):
        text, reconciles = self.scrape()
        api_total = counters(self.api.call("GET", "/metrics", raw=True), "apiserver_request_total")
        verbs = audit_verbs(self.args.audit, start, end)
        samples = self.sampler.window(start, end)
        seconds = max(end - start, 1e-9)
        cpu = samples[-1][1] - samples[0][1] if len(samples) > 1 else 0.0
        row = {"phase": name, "seconds": round(end - start, 1), **extra,
               "operator CPU s": round(cpu, 1), "operator CPU % of a core": round(100 * cpu / seconds, 1),
               "peak RSS MiB": round(max(s[2] for s in samples), 0) if samples else None,
               "RSS at end MiB": round(samples[-1][2], 0) if samples else None,
               "JVM at end (MiB)": jvm_memory(text),
               "/q/metrics bytes": len(text.encode()), "/q/metrics lines": text.count("\n"),
               "load average (1/5/15 min)": loadavg()}
        previous = getattr(self, "_reconciles", {})
        for (metric, controller), value in sorted(reconciles.items()):
            if metric.endswith("_total") and "success" in metric or metric.endswith("started_total"):
                delta = value - previous.get((metric, controller), 0)
                row[f"{metric.replace('reconciliations_', '')} {controller}/s"] = round(delta / seconds, 1)
        self._reconciles = reconciles
        row["operator requests/s by verb"] = ", ".join(f"{v} {c / seconds:.1f}" for v, c in sorted(verbs.items(), key=lambda x: -x[1]))
        row["operator requests"] = sum(verbs.values())
        prev_api = getattr(self, "_api_total", {})
        by_verb = {}
        for (_, verb), value in api_total.items():
            by_verb[verb] = by_verb.get(verb, 0) + value - prev_api.get((_, verb), 0)
        self._api_total = api_total
        row["all clients requests/s by verb"] = ", ".join(f"{v} {c / seconds:.1f}" for v, c in sorted(by_verb.items(), key=lambda x: -x[1]) if c)
        self.rows.append(row)
        with open(os.path.join(self.args.out, "phases.jsonl"), "a") as f:
            f.write(json.dumps(row) + "\n")
        if self.args.operator_container:
            # The class histogram runs a full GC, which would shrink the heap the next phase is measured with: last only.
            self.diagnose(len(self.rows), histogram=name.startswith("canaries held"))

    def diagnose(self, phase, histogram):
        """What the JVM holds at the end of a phase, after its figures."""
        def jcmd(*command):
            # The image's JRE has the jdk.jcmd module but no jcmd launcher; an empty JAVA_TOOL_OPTIONS keeps the
            # operator's (its JFR recording among them) out of this second JVM.
            done = subprocess.run(["docker", "exec", "-e", "JAVA_TOOL_OPTIONS=", self.args.operator_container,
                                   "java", "-m", "jdk.jcmd/sun.tools.jcmd.JCmd", "1", *command],
                                  capture_output=True, text=True, timeout=300)
            return done.stdout
        threads = {}
        for line in jcmd("Thread.print").splitlines():
            found = re.match(r'^"(.+?)"', line)
            if found:
                name = re.sub(r"[0-9]+", "#", found.group(1))
                threads[name] = threads.get(name, 0) + 1
        with open(os.path.join(self.args.out, f"jvm-{phase}.txt"), "w") as f:
            f.write("# threads by name (digits as #)\n")
            f.writelines(f"{c:5d} {name}\n" for name, c in sorted(threads.items(), key=lambda x: -x[1]))
            f.write("\n# VM.native_memory summary\n" + jcmd("VM.native_memory", "summary"))
            if histogram:
                f.write("\n# GC.class_histogram (top 60)\n" + "\n".join(jcmd("GC.class_histogram").splitlines()[:63]) + "\n")

    def run(self):
        n = self.args.n
        self.sampler.start()
        while True:
            try:
                self.scrape()
                break
            except OSError:
                time.sleep(1)
        self._api_total = counters(self.api.call("GET", "/metrics", raw=True), "apiserver_request_total")
        self.api.call("POST", "/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NS}})
        self.api.call("POST", "/api/v1/persistentvolumes", {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "mlops-store"},
            "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteMany"], "storageClassName": "",
                     "hostPath": {"path": "/tmp/mlops-store"}, "claimRef": {"namespace": NS, "name": "mlops-store"}}})
        self.api.call("POST", f"/api/v1/namespaces/{NS}/persistentvolumeclaims", {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"name": "mlops-store"}, "spec": {"accessModes": ["ReadWriteMany"], "storageClassName": "", "volumeName": "mlops-store",
                                                         "resources": {"requests": {"storage": "1Gi"}}}})
        time.sleep(3)
        idle_start = time.time()
        time.sleep(10)
        self.phase("operator started, nothing to do (10 s)", idle_start, time.time(), {})

        start = time.time()
        objects = []
        for i in range(n):
            objects += [(GROUP + "/modelversions", model_version(i, 1)), (GROUP + "/driftpolicies", drift_policy(i)),
                        (GROUP + "/inferenceservices", inference_service(i))]
        self.create_all(objects)
        created = time.time()

        def ready(isvc):
            return any(c["type"] == "Ready" and c["status"] == "True" for c in (isvc.get("status") or {}).get("conditions", []))

        all_ready, items = self.wait(lambda items: len(items) == n and all(ready(i) for i in items), 300 + n)
        latencies = [parse_ts(c["lastTransitionTime"]) - parse_ts(i["metadata"]["creationTimestamp"])
                     for i in items for c in (i.get("status") or {}).get("conditions", []) if c["type"] == "Ready" and c["status"] == "True"]
        end = all_ready or time.time()
        with open(os.path.join(self.args.out, "created.json"), "w") as f:  # for ready_path.py
            json.dump({"start": start, "services": {i["metadata"]["name"]: i["metadata"]["creationTimestamp"] for i in items}}, f)
        self.phase(f"create {n} InferenceServices", start, end, {
            "created in s": round(created - start, 1),
            "all Ready after s": round(all_ready - start, 1) if all_ready else f"not all: {len(latencies)}/{n} Ready",
            "create→Ready p50 s": percentile(latencies, 50) if latencies else None,
            "create→Ready p99 s": percentile(latencies, 99) if latencies else None,
            "create→Ready max s": max(latencies) if latencies else None})

        start = time.time()
        time.sleep(self.args.steady)
        self.phase(f"steady state ({self.args.steady} s, nothing changes)", start, time.time(), {})

        start = time.time()
        self.create_all([(GROUP + "/modelversions", model_version(i, 2)) for i in range(n)])

        def canary(isvc):
            found = (isvc.get("status") or {}).get("canary") or {}
            return found if found.get("version") == 2 else None

        def ended(isvc):
            return any(r.get("version") == 2 for r in (isvc.get("status") or {}).get("history", []))

        def measured(isvc):
            return ended(isvc) or bool((canary(isvc) or {}).get("analysis"))

        # KWOK's pods answer no HTTP, so every measurement of a canary fails: each must come out Inconclusive (never a
        # pass), and the canary holds at its first step. What is measured is that every canary starts and is measured.
        started_all, _ = self.wait(lambda items: all(canary(i) or ended(i) for i in items), 300 + n)
        measured_all, items = self.wait(lambda items: all(measured(i) for i in items), 300 + n)
        outcomes = {}
        for i in items:
            for a in (canary(i) or {}).get("analysis", []):
                key = f"{a.get('outcome')}: {re.sub(r'[0-9.]+', '#', a.get('message') or '')[:70]}"
                outcomes[key] = outcomes.get(key, 0) + 1
            for r in (i.get("status") or {}).get("history", []):
                if r.get("version") == 2:
                    outcomes[f"rollout {r.get('outcome')}"] = outcomes.get(f"rollout {r.get('outcome')}", 0) + 1
        end = measured_all or time.time()
        self.phase(f"{n} canaries (ModelVersion 2 of every model at once)", start, end, {
            "all canaries started after s": round(started_all - start, 1) if started_all else "not all",
            "all canaries measured after s": round(measured_all - start, 1) if measured_all else f"not all: {sum(map(measured, items))}/{n}",
            "analysis results": "; ".join(f"{v}× {k}" for k, v in sorted(outcomes.items(), key=lambda x: -x[1]))})

        start = time.time()
        time.sleep(60)
        gaps = []
        for i in self.services():
            times = sorted(parse_ts(a["time"]) for a in (canary(i) or {}).get("analysis", []) if a.get("time"))
            gaps += [b - a for a, b in zip(times, times[1:])]
        self.phase("canaries held (60 s; analysis interval 10 s)", start, time.time(), {
            "between two analyses of a canary p50/p99/max s": f"{percentile(gaps, 50):.1f}/{percentile(gaps, 99):.1f}/{max(gaps):.1f}" if gaps else None})
        self.sampler.stopped = True

        with open(os.path.join(self.args.out, "operator-cpu-rss.csv"), "w") as f:
            f.write("seconds,cpu_percent_of_a_core,rss_mib\n")
            samples = [s for s in self.sampler.samples if s[1] is not None]
            for a, b in zip(samples, samples[1:]):
                f.write(f"{b[0] - samples[0][0]:.0f},{100 * (b[1] - a[1]) / (b[0] - a[0]):.0f},{b[2]:.0f}\n")
        with open(os.path.join(self.args.out, "phases.json"), "w") as f:
            json.dump(self.rows, f, indent=1)
        print(f"## N = {n} ({self.args.nodes} KWOK nodes, operator memory limit {self.args.memory_limit})\n")
        keys = list(dict.fromkeys(k for row in self.rows for k in row))
        print("| | " + " | ".join(str(r["phase"]) for r in self.rows) + " |")
        print("| --- |" + " --- |" * len(self.rows))
        for k in keys[1:]:
            print(f"| {k} | " + " | ".join(str(r.get(k, "")) for r in self.rows) + " |")


def main():
    p = argparse.ArgumentParser()
    for flag in ("--api", "--token", "--operator-metrics", "--audit", "--out", "--memory-limit"):
        p.add_argument(flag, required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--nodes", type=int, required=True)
    p.add_argument("--operator-pid", type=int, required=True)
    p.add_argument("--operator-container", help="record threads and native memory after each phase, the class histogram after the last")
    p.add_argument("--steady", type=int, default=60, help="seconds of steady state after all are Ready")
    Bench(p.parse_args()).run()


if __name__ == "__main__":
    main()
