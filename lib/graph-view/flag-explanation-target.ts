/**
 * Which explanation an edge's panel asks for (GET /api/namespaces/{ns}/graph/explain,
 * lib/contracts/flag-explanation.ts): only for an edge whose requests carry an Envoy flag or an
 * error code, with a caller the metrics name (a workload, or an app and version) and a called
 * service — the target's own, the service it was reached through, or the host the responses
 * name. The graph's window (its end and length) is the explanation's, so both read the same
 * requests. Pure: the panel passes the result to lib/queries/flag-explanation.ts.
 */
import type { FlagExplanationQuery } from "@/lib/contracts/flag-explanation";
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
