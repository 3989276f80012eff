/**
 * Retry amplification along call paths, and the per-edge figures the graph shows. Each hop
 * multiplies what reaches its destination by the caller app's tries × the proxy's tries that
 * re-send a request the app took (route-policy.ts `proxyTries`: Istio's default policy re-sends
 * none over HTTP). A path's product is how many requests its last workload may receive for one
 * request entering the path at its first known caller, when every try fails — productpage's 2
 * tries for reviews × 3 tries of a ratings route retrying 5xx = 6 calls to ratings.
 *
 * Paths start at the namespace's known callers that no known call reaches (productpage), and
 * are walked depth first; a workload already on the path ends it (a cycle adds no new edge).
 * TOP1102 flags a hop where a second multiplier stacks on an earlier one: retries at two
 * layers, each reasonable alone, that together multiply the load on everything below.
 */
import "server-only";
import type { BudgetEdge } from "@/lib/contracts/budget";
import { buildCheck } from "@/server/validation/codes";
import type { CallGraph, CallHop, WorkloadNode } from "./call-hops";
import { clientPath, routeTarget, rulePath, workloadTarget, type Findings } from "./findings";
import { proxyTries } from "./route-policy";
import { describeRoute, type TimeBounds } from "./time-bounds";

/** A walk of a large synthetic mesh stops here rather than enumerate every path. */
const MAX_VISITS = 50_000;

interface Factor {
  hop: CallHop;
  appTries: number;
  proxyTries: number;
}

const describeFactor = (f: Factor): string => {
  const parts: string[] = [];
  if (f.appTries > 1) parts.push(`${f.hop.caller.ref.name} tries ${f.hop.service.name} ${f.appTries}×`);
  if (f.proxyTries > 1)
    parts.push(
      `${describeRoute(f.hop)} retries ${f.hop.policy.retries}× on ${f.hop.policy.resendingOn.join(",")} (${f.proxyTries} tries)`,
    );
  return parts.join(", ");
};

function checkStacking(path: readonly Factor[], destination: WorkloadNode, load: number, findings: Findings) {
  const multiplying = path.filter((f) => f.appTries * f.proxyTries > 1);
  const last = path[path.length - 1];
  if (multiplying.length < 2 || !last || multiplying[multiplying.length - 1] !== last) return;
  const root = path[0]?.hop.caller.ref.name ?? "";
  const detail = `up to ${load} requests reach ${destination.ref.name} per request to ${root}: ${multiplying.map(describeFactor).join(" · ")}`;
  const target = last.proxyTries > 1 ? routeTarget(last.hop) : undefined;
  if (target) findings.add(target, buildCheck("TOP1102", rulePath(last.hop, "retries"), { detail }), load);
  else
    findings.add(
      workloadTarget(last.hop.caller),
      buildCheck("TOP1102", clientPath(last.hop, "tries"), { detail }),
      load,
    );
}

/** The namespace's entry points: known callers in it that no known call of the namespace reaches. */
export function rootsOf(graph: CallGraph, callers: readonly WorkloadNode[]): WorkloadNode[] {
  const reached = new Set(callers.flatMap((c) => graph.hopsOf(c).flatMap((h) => h.destinations.map((d) => d.key))));
  const roots = callers.filter((c) => !reached.has(c.key));
  return roots.length > 0 ? roots : [...callers];
}

export function walkPaths(
  graph: CallGraph,
  roots: readonly WorkloadNode[],
  bounds: TimeBounds,
  findings: Findings,
): BudgetEdge[] {
  const edges = new Map<string, BudgetEdge>();
  let visits = 0;
  const walk = (node: WorkloadNode, load: number, path: Factor[], onPath: Set<string>) => {
    for (const hop of graph.hopsOf(node)) {
      const factor: Factor = { hop, appTries: hop.call.tries, proxyTries: proxyTries(hop.policy) };
      const tries = factor.appTries * factor.proxyTries;
      for (const destination of hop.destinations) {
        if (++visits > MAX_VISITS) return;
        const edgeLoad = load * tries;
        const key = `${node.key}|${hop.callIndex}|${hop.route?.ruleIndex ?? "-"}|${destination.key}`;
        const held = edges.get(key);
        if (!held) {
          const wait = bounds.call([hop].map((h) => ({ ...h, destinations: [destination] })));
          edges.set(key, {
            source: node.ref,
            destination: destination.ref,
            service: hop.host,
            ...(hop.route
              ? {
                  route: {
                    namespace: hop.route.virtualService.metadata.namespace ?? "",
                    name: hop.route.virtualService.metadata.name ?? "",
                    rule: hop.route.ruleIndex,
                  },
                }
              : {}),
            tries,
            worstCaseLoad: edgeLoad,
            waitMs: wait.ms,
            bounded: wait.bounded,
          });
        } else if (edgeLoad > held.worstCaseLoad) held.worstCaseLoad = edgeLoad;
        const next = [...path, factor];
        checkStacking(next, destination, edgeLoad, findings);
        if (!onPath.has(destination.key)) {
          onPath.add(destination.key);
          walk(destination, edgeLoad, next, onPath);
          onPath.delete(destination.key);
        }
      }
    }
  };
  for (const root of roots) walk(root, 1, [], new Set([root.key]));
  return [...edges.values()];
}
