#!/usr/bin/env python3
"""Where a service's create→Ready goes (issue 19): from the API server's audit log of the operator's requests and the
services' creation times (created.json, written by scale.py), per InferenceService s<i>: its ModelVersion's first
status write (Validated), the operator's first write for the service (its first reconcile that acted), its
Deployment's first apply, and its last status write before Ready; and the API server's latency for the operator's
requests (received → response complete) in that window. Prints percentiles over the services.

    python3 operator/bench/ready_path.py operator/target/bench-scale/100
"""
import json
import os
import re
import sys
from datetime import datetime


def ts(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def percentiles(values):
    if not values:
        return "none"
    values = sorted(values)
    pick = lambda p: values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
    return f"p50 {pick(50):.1f} s, p90 {pick(90):.1f} s, p99 {pick(99):.1f} s, max {values[-1]:.1f} s (n={len(values)})"


def main(out):
    with open(os.path.join(out, "created.json")) as f:
        created = json.load(f)
    born = {name: ts(t) for name, t in created["services"].items()}
    with open(os.path.join(out, "phases.jsonl")) as f:
        creating = next(row for row in map(json.loads, f) if row["phase"].startswith("create"))
    end = created["start"] + creating["seconds"]  # the create phase only: not the canaries' writes
    first_write, deployment, mv_status, is_status = {}, {}, {}, {}
    latencies = []
    with open(os.path.join(out, "audit.log")) as f:
        for line in f:
            event = json.loads(line)
            t = ts(event["requestReceivedTimestamp"])
            if not created["start"] - 1 <= t <= end or event["verb"] in ("get", "list", "watch"):
                continue
            ref = event.get("objectRef", {})
            name, resource, sub = ref.get("name") or "", ref.get("resource"), ref.get("subresource")
            if resource == "leases":
                continue
            latencies.append(ts(event["stageTimestamp"]) - t)
            found = re.match(r"^(s|m)([0-9]+)", name)
            if not found:
                continue
            service = "s" + found.group(2)
            if resource == "modelversions" and sub == "status":
                mv_status.setdefault(service, t)
            elif resource == "inferenceservices" and sub == "status":
                is_status[service] = t
            elif resource not in ("events", "modelversions", "driftpolicies"):
                first_write.setdefault(service, t)
                if resource == "deployments":
                    deployment.setdefault(service, t)
    print(f"after each InferenceService's creation ({len(born)} services):")
    for label, times in (("its ModelVersion's first status write (Validated)", mv_status),
                         ("the operator's first write for it (SA/Role/...)", first_write),
                         ("its Deployment's first apply", deployment),
                         ("its last status write (Ready)", is_status)):
        print(f"- {label}: {percentiles([times[s] - born[s] for s in born if s in times])}")
    print(f"- between its first write and its Deployment: "
          f"{percentiles([deployment[s] - first_write[s] for s in born if s in deployment and s in first_write])}")
    print(f"- between its Deployment and Ready (pods by KWOK, then a reconcile): "
          f"{percentiles([is_status[s] - deployment[s] for s in born if s in deployment and s in is_status])}")
    print(f"the API server's latency for the operator's writes in this window: {percentiles(latencies)}")


if __name__ == "__main__":
    main(sys.argv[1])
