/**
 * How long each hop and each workload may take, from configured limits only. Processing
 * time is not in any config, so it counts as zero — except under a timeout, where a slow
 * destination may use all of it. Bottom-up:
 *  - a workload may take the sum of its calls (the samples' apps call one after the other);
 *  - a call from the app: `tries` × (its own timeout, or the hop's time when it has none; the
 *    smaller of the two when a timeout on the route bounds the hop);
 *  - a hop through the proxy: an injected delay (the fault filter runs before the router, so
 *    outside the route's timeout) + the per-try timeout (or route timeout), multiplied by the
 *    tries when the retry conditions retry a per-try timeout, capped by the route's timeout;
 *    with no timeout at all, what the destination may itself take.
 */
import "server-only";
import { formatDurationMs } from "@/lib/istio/duration";
import type { CallHop, CallGraph, WorkloadNode } from "./call-hops";

export interface Wait {
  ms: number;
  /** A timeout bounds it; otherwise a slow destination could make it longer. */
  bounded: boolean;
  /** In words, what the figure comes from. */
  why: string;
}

const fmt = formatDurationMs;

export function describeRoute(hop: CallHop): string {
  return hop.route
    ? `VirtualService ${hop.route.virtualService.metadata.name} rule ${hop.route.ruleIndex}`
    : "Istio's default route";
}

export interface TimeBounds {
  /** What a workload may take to answer, from its own calls. */
  workload(node: WorkloadNode): Wait;
  /** What one try of the caller's app may wait on this hop, before its own timeout (default: every destination). */
  hop(hop: CallHop, destinations?: readonly WorkloadNode[]): Wait;
  /** What the caller's app may wait on one call, all tries included, over the given hops of that call. */
  call(hops: readonly CallHop[]): Wait;
}

export function createTimeBounds(graph: CallGraph): TimeBounds {
  const memo = new Map<string, Wait>();
  const inProgress = new Set<string>();

  const workload = (node: WorkloadNode): Wait => {
    const held = memo.get(node.key);
    if (held) return held;
    // A call cycle adds nothing on its second pass: the first already counted it.
    if (inProgress.has(node.key)) return { ms: 0, bounded: false, why: "" };
    inProgress.add(node.key);
    const byCall = new Map<number, CallHop[]>();
    for (const h of graph.hopsOf(node)) byCall.set(h.callIndex, [...(byCall.get(h.callIndex) ?? []), h]);
    const calls = [...byCall.values()].map((hops) => call(hops));
    inProgress.delete(node.key);
    const ms = calls.reduce((sum, w) => sum + w.ms, 0);
    const largest = calls.reduce<Wait | undefined>((a, w) => (a === undefined || w.ms > a.ms ? w : a), undefined);
    const wait: Wait = { ms, bounded: false, why: largest && ms > 0 ? `${node.ref.name} ${largest.why}` : "" };
    memo.set(node.key, wait);
    return wait;
  };

  const hop = (h: CallHop, destinations: readonly WorkloadNode[] = h.destinations): Wait => {
    const below = destinations
      .map(workload)
      .reduce<Wait>((a, w) => (w.ms > a.ms ? w : a), { ms: 0, bounded: false, why: "" });
    const p = h.policy;
    const route = describeRoute(h);
    let wait: Wait;
    const cap = p.perTryTimeoutMs ?? p.timeoutMs;
    if (cap === undefined) wait = below;
    else {
      wait = {
        ms: cap,
        bounded: true,
        why: `the ${p.perTryTimeoutMs ? "perTryTimeout" : "timeout"} ${fmt(cap)} of ${route}`,
      };
      if (p.perTryTimeoutMs !== undefined && p.retriesTimeouts && p.retries > 0) {
        const tries = 1 + p.retries;
        wait = {
          ms: tries * p.perTryTimeoutMs,
          bounded: true,
          why: `${tries} tries × perTryTimeout ${fmt(p.perTryTimeoutMs)} of ${route}`,
        };
      }
      if (p.timeoutMs !== undefined && wait.ms > p.timeoutMs)
        wait = { ms: p.timeoutMs, bounded: true, why: `the timeout ${fmt(p.timeoutMs)} of ${route}` };
    }
    if (p.delayMs !== undefined)
      wait = {
        ms: wait.ms + p.delayMs,
        bounded: wait.bounded,
        why: `the injected delay ${fmt(p.delayMs)} of ${route}${wait.ms > 0 ? `, then ${wait.why}` : ""}`,
      };
    return wait;
  };

  const call = (hops: readonly CallHop[]): Wait => {
    const first = hops[0];
    if (!first) return { ms: 0, bounded: false, why: "" };
    const waits = hops.map((h) => hop(h));
    const worst = waits.reduce((a, w) => (w.ms > a.ms ? w : a));
    const bounded = waits.every((w) => w.bounded);
    const { timeoutMs, tries } = first.call;
    const service = first.service.name;
    const triesText = tries > 1 ? `, ${tries} tries` : "";
    if (timeoutMs === undefined)
      return { ms: tries * worst.ms, bounded, why: `waits for ${service}${triesText}: ${worst.why || "no limit set"}` };
    const perTry = bounded ? Math.min(timeoutMs, worst.ms) : timeoutMs;
    const own = perTry === timeoutMs;
    return {
      ms: tries * perTry,
      bounded: true,
      why: own
        ? `waits up to ${fmt(timeoutMs)} for ${service}${triesText} (its own timeout)`
        : `waits up to ${fmt(perTry)} for ${service}${triesText}: ${worst.why}`,
    };
  };

  return { workload, hop, call };
}
