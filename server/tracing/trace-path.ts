/**
 * The workload-to-workload hops of a trace, for "show this trace on the graph". Envoy reports a
 * span per proxy and side, so a hop is a parent span on one proxy whose child is on another
 * proxy's pod: productpage's client span → reviews-v2's server span is productpage-v1 →
 * reviews-v2; the gateway's `… egress` span → productpage's server span is the gateway →
 * productpage-v1. A client span that no pod answered (a fault abort `FI`, no healthy host `UH`)
 * has no child elsewhere: its hop ends at the service its upstream cluster names
 * (`outbound|9080|v1|ratings.bookinfo.svc.cluster.local` → service ratings in bookinfo), where
 * the graph draws such requests too (server/graph/node-identity.ts destNodeOf).
 *
 * The outcome of a hop is its client span's (code, flags, error); hops between the same two
 * ends (productpage's retry of reviews) are one, erroneous if any attempt was.
 */
import "server-only";
import type { TraceHop, TraceNodeRef, TracePath, TraceSpan } from "@/lib/contracts/tracing";

function workloadRef(span: TraceSpan): TraceNodeRef | undefined {
  if (span.hidden || !span.namespace || !span.workload) return undefined;
  return {
    key: `${span.namespace}/${span.workload}`,
    namespace: span.namespace,
    workload: span.workload,
    ...(span.app ? { app: span.app } : {}),
    ...(span.version ? { version: span.version } : {}),
  };
}

/** `outbound|<port>|<subset>|<name>.<namespace>.svc.cluster.local` → the Kubernetes service it calls. */
export function serviceOfCluster(cluster: string | undefined): { name: string; namespace: string } | undefined {
  const host = cluster?.split("|")[3];
  const match = host ? /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.[a-z0-9.-]+$/.exec(host) : null;
  return match ? { name: match[1] as string, namespace: match[2] as string } : undefined;
}

function serviceRef(span: TraceSpan): TraceNodeRef | undefined {
  if (span.hidden || !span.upstreamCluster?.startsWith("outbound|")) return undefined;
  const service = serviceOfCluster(span.upstreamCluster);
  if (!service) return undefined;
  return { key: `${service.namespace}/service:${service.name}`, namespace: service.namespace, service: service.name };
}

export function buildTracePath(spans: TraceSpan[]): TracePath {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const nodes = new Map<string, TraceNodeRef>();
  const hops = new Map<string, TraceHop>();
  const answeredElsewhere = new Set<string>();

  const addHop = (client: TraceSpan, from: TraceNodeRef, to: TraceNodeRef) => {
    nodes.set(from.key, from);
    nodes.set(to.key, to);
    const key = `${from.key}→${to.key}`;
    const previous = hops.get(key);
    // An erroneous attempt wins: the path shows the worst outcome of the hop.
    if (previous && (previous.error || !client.error)) return;
    hops.set(key, {
      from: from.key,
      to: to.key,
      error: client.error,
      httpCode: client.httpCode ?? 0,
      ...(client.responseFlags ? { responseFlags: client.responseFlags } : {}),
    });
  };

  for (const span of spans) {
    const parent = span.parentId ? byId.get(span.parentId) : undefined;
    if (!parent?.pod || !span.pod || parent.pod === span.pod) continue;
    const from = workloadRef(parent);
    const to = workloadRef(span);
    answeredElsewhere.add(parent.spanId);
    if (from && to) addHop(parent, from, to);
  }
  for (const span of spans) {
    if (span.kind !== "client" || answeredElsewhere.has(span.spanId)) continue;
    const from = workloadRef(span);
    const to = serviceRef(span);
    if (from && to) addHop(span, from, to);
  }
  return { nodes: [...nodes.values()], hops: [...hops.values()] };
}
