/**
 * The graph edge panel's "Explain a request" link: the request explainer (/explain) with the
 * edge's caller and callee filled in where the graph knows them — the caller when it is a
 * workload (a workload node, or an app version backed by one), the host as the caller dials it
 * (the service's short name in its own namespace, `name.namespace` across namespaces). A caller
 * that is not a workload (an app box, an unknown source) links nowhere: the form needs a workload.
 */
import { explainHref } from "@/lib/explain-request/url-state";
import type { ViewEdge, ViewGraph, ViewNode } from "./view-model";

function callerWorkload(node: ViewNode | undefined): string | undefined {
  if (!node || node.namespace === "unknown" || node.isServiceEntry) return undefined;
  return node.kind === "workload" || node.kind === "versionedApp" ? node.workload : undefined;
}

function calledHost(node: ViewNode | undefined, from: string): string | undefined {
  if (!node || node.namespace === "unknown") return undefined;
  // A ServiceEntry node is named by its host.
  if (node.isServiceEntry) return node.service;
  // An app node reached through no recorded service is guessed by its app name (Istio's convention: the
  // app label names the service); the form shows the guess for the user to correct.
  const service =
    node.kind === "service" && node.service
      ? { name: node.service, namespace: node.namespace }
      : (node.data.destServices?.[0] ?? (node.app ? { name: node.app, namespace: node.namespace } : undefined));
  if (!service) return undefined;
  return service.namespace === from ? service.name : `${service.name}.${service.namespace}`;
}

/** `undefined` when the edge names neither a calling workload nor a called host (nothing to prefill). */
export function explainEdgeHref(
  edge: Pick<ViewEdge, "source" | "target" | "protocol">,
  graph: Pick<ViewGraph, "nodeById">,
): string | undefined {
  if (edge.protocol === "tcp") return undefined;
  const source = graph.nodeById.get(edge.source);
  const sourceWorkload = callerWorkload(source);
  if (!source || !sourceWorkload) return undefined;
  const host = calledHost(graph.nodeById.get(edge.target), source.namespace);
  return explainHref({ namespace: source.namespace, source: sourceWorkload, ...(host ? { host } : {}) });
}
