/**
 * The timeout and retry budget of one namespace, from config alone: the hops of its known
 * clients' call paths (call-hops.ts), how long each may take (time-bounds.ts), how many
 * requests each may carry (amplification.ts), and the findings TOP1101–TOP1103 as
 * validations. Pure: the context is the validation engine's (server/validation/context.ts),
 * so tests build it from YAML and the live wrapper (index.ts) from the cluster cache.
 */
import "server-only";
import type { TimeoutBudget } from "@/lib/contracts/budget";
import type { ValidationContext } from "@/server/validation/context";
import { rootsOf, walkPaths } from "./amplification";
import { buildCallGraph, type WorkloadNode } from "./call-hops";
import { createFindings } from "./findings";
import { checkIdempotency } from "./idempotency-checks";
import { createTimeBounds } from "./time-bounds";
import { checkTimeouts } from "./timeout-checks";

export function analyzeBudget(context: ValidationContext, namespace: string): TimeoutBudget {
  const graph = buildCallGraph(context);
  const callers = [...graph.workloads.values()].filter((w) => w.ref.namespace === namespace && w.client);
  const bounds = createTimeBounds(graph);
  const findings = createFindings();
  const edges = walkPaths(graph, rootsOf(graph, callers), bounds, findings);
  // Every known client on the namespace's paths, those it reaches in other namespaces too.
  const onPaths = new Map<string, WorkloadNode>(callers.map((c) => [c.key, c]));
  for (const e of edges) {
    const node = graph.workloads.get(`${e.destination.namespace}/${e.destination.name}`);
    if (node?.client) onPaths.set(node.key, node);
  }
  checkTimeouts(graph, [...onPaths.values()], bounds, findings);
  checkIdempotency(
    context.virtualServices.filter((vs) => vs.metadata.namespace === namespace),
    findings,
  );
  return {
    namespace,
    edges,
    clients: [...onPaths.values()].map((w) => ({ workload: w.ref, source: w.client?.source ?? "" })),
    validations: findings.toValidations(),
  };
}
