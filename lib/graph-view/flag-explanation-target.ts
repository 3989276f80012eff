/**
 * Which explanation an edge's panel asks for (GET /api/namespaces/{ns}/graph/explain,
 * lib/contracts/flag-explanation.ts): only for an edge whose requests carry an Envoy flag or an
 * error code, with a caller the metrics name (a workload, or an app and version) and a called
 * service — the target's own, the service it was reached through, or the host the responses
 * name. The graph's window (its end and length) is the explanation's, so both read the same
 * requests. Pure: the panel passes the result to lib/queries/flag-explanation.ts.
 *
 * A node's panel asks for its own (GET /api/namespaces/{ns}/graph/explain-node) when one of
 * its inbound edges has something to explain; each caller of the answer is matched back to the
 * graph's edge it came in on, so the panel can open that edge and its explanation.
 */
import type { FlagCaller, FlagExplanationQuery, NodeFlagExplanationQuery } from "@/lib/contracts/flag-explanation";
import type { GraphNodeTarget } from "@/lib/contracts/node-graph";
import type { ViewEdge, ViewGraph, ViewNode } from "./view-model";

const isErrorCode = (code: string) => code === "-" || code.startsWith("4") || code.startsWith("5");

/** Does the edge have anything to explain: a flag other than "-", or an error code? */
export function hasErrorFlags(edge: Pick<ViewEdge, "responses" | "protocol">): boolean {
  if (edge.protocol === "tcp") return false;
  return edge.responses.some(
    (r) => isErrorCode(r.code) || Object.keys(r.flags).some((flag) => flag !== "-" && (r.flags[flag] ?? 0) > 0),
  );
}

type Caller = Pick<FlagExplanationQuery, "sourceNamespace" | "sourceWorkload" | "sourceApp" | "sourceVersion">;

function callerOf(node: ViewNode | undefined): Caller | undefined {
  if (!node || node.kind === "unknown" || node.namespace === "unknown") return undefined;
  if (node.kind === "workload" && node.workload)
    return { sourceNamespace: node.namespace, sourceWorkload: node.workload };
  if ((node.kind === "app" || node.kind === "versionedApp") && node.app)
    return {
      sourceNamespace: node.namespace,
      sourceApp: node.app,
      ...(node.version && node.version !== "latest" ? { sourceVersion: node.version } : {}),
    };
  return undefined;
}

/** `name.namespace.svc.<domain>` → the service; other hosts (external, IPs) name none. */
function serviceOfHost(host: string): { namespace: string; name: string } | undefined {
  const [name, namespace, svc] = host.split(".");
  return name && namespace && svc === "svc" ? { namespace, name } : undefined;
}

function calledServiceOf(edge: Pick<ViewEdge, "responses">, node: ViewNode | undefined) {
  if (!node || node.isServiceEntry || node.namespace === "unknown") return undefined;
  if (node.kind === "service" && node.service) return { namespace: node.namespace, name: node.service };
  const through = node.data.destServices?.[0];
  if (through) return { namespace: through.namespace, name: through.name };
  for (const r of edge.responses)
    for (const host of Object.keys(r.hosts)) {
      const service = serviceOfHost(host);
      if (service) return service;
    }
  return undefined;
}

export function flagExplanationTarget(
  edge: Pick<ViewEdge, "responses" | "protocol" | "source" | "target">,
  graph: Pick<ViewGraph, "nodeById" | "timestamp" | "duration">,
): FlagExplanationQuery | undefined {
  if (!hasErrorFlags(edge)) return undefined;
  const caller = callerOf(graph.nodeById.get(edge.source));
  const target = graph.nodeById.get(edge.target);
  const service = calledServiceOf(edge, target);
  if (!caller || !service) return undefined;
  const version = target?.kind === "versionedApp" && target.version !== "latest" ? target.version : undefined;
  return {
    ...caller,
    namespace: service.namespace,
    destService: service.name,
    ...(version ? { destVersion: version } : {}),
    duration: graph.duration,
    queryTime: graph.timestamp,
  };
}

/** The node as the explainer names it; nodes outside the inventory (unknown, ServiceEntries, aggregates) have none. */
function explainedNodeOf(node: ViewNode): GraphNodeTarget | undefined {
  if (node.isServiceEntry || node.namespace === "unknown") return undefined;
  const ns = node.namespace;
  if (node.kind === "service" && node.service) return { kind: "service", namespace: ns, name: node.service };
  if (node.kind === "workload" && node.workload) return { kind: "workload", namespace: ns, name: node.workload };
  if ((node.kind === "app" || node.kind === "box") && node.app) return { kind: "app", namespace: ns, name: node.app };
  if (node.kind === "versionedApp" && node.app)
    return {
      kind: "app",
      namespace: ns,
      name: node.app,
      ...(node.version && node.version !== "latest" ? { version: node.version } : {}),
    };
  return undefined;
}

export function nodeFlagExplanationTarget(
  node: ViewNode,
  graph: Pick<ViewGraph, "edges" | "timestamp" | "duration">,
): NodeFlagExplanationQuery | undefined {
  if (!graph.edges.some((e) => e.target === node.id && hasErrorFlags(e))) return undefined;
  const target = explainedNodeOf(node);
  return target && { node: target, duration: graph.duration, queryTime: graph.timestamp };
}

function isCaller(node: ViewNode | undefined, caller: FlagCaller): boolean {
  if (!node) return false;
  if (caller.workload === "unknown") return node.kind === "unknown";
  if (node.namespace !== caller.namespace) return false;
  if (node.kind === "workload") return node.workload === caller.workload;
  if (node.kind === "versionedApp") return node.app === caller.app && node.version === (caller.version ?? "latest");
  if (node.kind === "app") return node.app === caller.app;
  return false;
}

/**
 * The graph's edge a caller's requests came in on: from the caller's node into the node itself,
 * or into the service it called the node through (a versioned-app graph draws caller → service →
 * version). Undefined when the graph draws no such edge (the caller is hidden, or outside the view).
 */
export function callerEdgeId(
  caller: FlagCaller,
  node: ViewNode,
  graph: Pick<ViewGraph, "edges" | "nodeById">,
): string | undefined {
  const through = (id: string) => {
    const n = graph.nodeById.get(id);
    return n?.kind === "service" && n.service === caller.service.name && n.namespace === caller.service.namespace;
  };
  return graph.edges.find(
    (e) => (e.target === node.id || through(e.target)) && isCaller(graph.nodeById.get(e.source), caller),
  )?.id;
}

/** A caller node's own failing calls: its outbound edges that have an explanation of their own. */
export function failingOutboundEdges(
  node: ViewNode,
  graph: Pick<ViewGraph, "edges" | "nodeById" | "timestamp" | "duration">,
): ViewEdge[] {
  return graph.edges.filter((e) => e.source === node.id && flagExplanationTarget(e, graph) !== undefined);
}
