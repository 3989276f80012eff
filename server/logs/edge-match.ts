/**
 * Which proxies and which of their access lines belong to a graph edge.
 *
 * - A node's pods: by workload name when the node has one, else by canonical app (and
 *   version), as Istio's telemetry labels them, else the pods its Service selects.
 * - The destination's hosts: the node's Service, else the Services selecting its pods. The
 *   source's side of the edge is the source proxies' outbound lines whose upstream cluster
 *   names one of those hosts (`outbound|9080|v1|ratings.bookinfo.svc.cluster.local`); a
 *   fault abort never reaches a destination pod, so these lines carry the FI/503s.
 * - The destination's side is its proxies' inbound lines; when the source's pod IPs are
 *   known, only lines whose downstream remote address is one of them (the sidecar sees the
 *   caller's pod IP), so other callers' requests are left out.
 *
 * A source that is a Service node has no proxy of its own (its callers are many): only the
 * destination's side is shown.
 */
import "server-only";
import type { AccessLogEntry } from "@/lib/access-log";
import { hostOfAuthority } from "@/lib/access-log";
import type { EdgeNode } from "@/lib/contracts/logs";
import { canonicalRevisionOf, canonicalServiceOf } from "@/lib/istio/canonical";
import type { PodSummary } from "@/server/adapters/kube/list-pods";
import type { ServiceSummary } from "@/server/adapters/kube/list-services";
import { labelsMatch } from "@/server/validation/labels";

const selects = (service: ServiceSummary, pod: PodSummary) =>
  Object.keys(service.selector).length > 0 && labelsMatch(service.selector, pod.labels);

/** The pods standing for a node, of its namespace's pods and services. */
export function podsOfNode(node: EdgeNode, pods: readonly PodSummary[], services: readonly ServiceSummary[]) {
  const own = pods.filter((p) => p.namespace === node.namespace);
  if (node.workload) return own.filter((p) => p.workload === node.workload);
  if (node.app) {
    return own.filter(
      (p) =>
        canonicalServiceOf(p.labels, p.workload) === node.app &&
        (!node.version || canonicalRevisionOf(p.labels) === node.version),
    );
  }
  const service = services.find((s) => s.namespace === node.namespace && s.name === node.service);
  return service ? own.filter((p) => selects(service, p)) : [];
}

export const serviceHost = (service: { name: string; namespace: string }) =>
  `${service.name}.${service.namespace}.svc.cluster.local`;

/** The service hosts requests to the destination go to. */
export function destinationHosts(
  node: EdgeNode,
  destPods: readonly PodSummary[],
  services: readonly ServiceSummary[],
): string[] {
  if (node.service) return [serviceHost({ name: node.service, namespace: node.namespace })];
  const hosts = services
    .filter((s) => s.namespace === node.namespace && destPods.some((p) => selects(s, p)))
    .map(serviceHost);
  return [...new Set(hosts)].sort();
}

/** A source proxy's line of this edge: outbound, to one of the destination's hosts. */
export function isSourceLine(entry: AccessLogEntry, destHosts: ReadonlySet<string>): boolean {
  if (entry.direction !== "outbound") return false;
  const host = entry.upstreamCluster?.serviceHost;
  return host !== undefined && destHosts.has(host);
}

/** A destination proxy's line of this edge: inbound, from one of the source's pods when those are known. */
export function isDestLine(entry: AccessLogEntry, sourceIps: ReadonlySet<string> | undefined): boolean {
  if (entry.direction !== "inbound") return false;
  if (!sourceIps) return true;
  const remote = entry.downstreamRemoteAddress;
  return remote !== undefined && sourceIps.has(hostOfAuthority(remote));
}
