/**
 * TOP1101: a timeout shorter than what its callee may take with the callee's own timeouts,
 * retries and injected delays (time-bounds.ts). Two places hold such a timeout:
 *  - the caller's application (Bookinfo's productpage waits 3 s, twice, for reviews, whose v2
 *    may wait 10 s for ratings): the app gives up while the callee still works, so the callee's
 *    longer wait — and any mesh timeout above the app's — is wasted;
 *  - a VirtualService rule's `timeout` or `retries.perTryTimeout` (the "Request Timeouts" task's
 *    0.5 s on reviews against a callee that may take longer): the proxy answers 504 UT first.
 */
import "server-only";
import { formatDurationMs as fmt } from "@/lib/istio/duration";
import { buildCheck } from "@/server/validation/codes";
import type { CallGraph, CallHop, WorkloadNode } from "./call-hops";
import { clientPath, routeTarget, rulePath, workloadTarget, type Findings } from "./findings";
import type { TimeBounds } from "./time-bounds";

function checkCallerApp(caller: WorkloadNode, hops: readonly CallHop[], bounds: TimeBounds, findings: Findings) {
  const first = hops[0];
  const timeoutMs = first?.call.timeoutMs;
  if (!first || timeoutMs === undefined) return;
  const worst = hops.map((h) => bounds.hop(h)).reduce((a, w) => (w.ms > a.ms ? w : a));
  if (worst.ms <= timeoutMs) return;
  const { tries } = first.call;
  const service = first.service.name;
  const all = tries > 1 ? ` (${tries} tries, ${fmt(tries * timeoutMs)} in all)` : "";
  const detail = `${caller.ref.name} waits ${fmt(timeoutMs)} per try for ${service}${all}, but ${service} may take ${fmt(worst.ms)}: ${worst.why}`;
  findings.add(workloadTarget(caller), buildCheck("TOP1101", clientPath(first, "timeout"), { detail }), worst.ms);
}

function checkRoute(hop: CallHop, bounds: TimeBounds, findings: Findings) {
  const target = routeTarget(hop);
  if (!target) return;
  const below = hop.destinations
    .map((d) => bounds.workload(d))
    .reduce((a, w) => (w.ms > a.ms ? w : a), { ms: 0, bounded: false, why: "" });
  const { timeoutMs, perTryTimeoutMs } = hop.policy;
  const limits: [number | undefined, string, string][] = [
    [perTryTimeoutMs, "retries/perTryTimeout", "perTryTimeout"],
    [timeoutMs, "timeout", "timeout"],
  ];
  for (const [limit, field, word] of limits) {
    if (limit === undefined || below.ms <= limit) continue;
    const detail = `the ${word} ${fmt(limit)} cuts ${hop.service.name} off, which may take ${fmt(below.ms)}: ${below.why}`;
    findings.add(target, buildCheck("TOP1101", rulePath(hop, field), { detail }), below.ms);
  }
}

export function checkTimeouts(
  graph: CallGraph,
  callers: readonly WorkloadNode[],
  bounds: TimeBounds,
  findings: Findings,
) {
  for (const caller of callers) {
    const byCall = new Map<number, CallHop[]>();
    for (const hop of graph.hopsOf(caller)) {
      byCall.set(hop.callIndex, [...(byCall.get(hop.callIndex) ?? []), hop]);
      checkRoute(hop, bounds, findings);
    }
    for (const hops of byCall.values()) checkCallerApp(caller, hops, bounds, findings);
  }
}
