/**
 * Where an access line leads: its request's trace (the traces page, by x-request-id) and the
 * Envoy route that handled it (the workload's Envoy tab, for the line's host and path).
 */
import type { AccessLogEntry } from "@/lib/access-log";

const enc = encodeURIComponent;

export function traceHref(requestId: string, namespace: string, workload: string): string {
  return `/traces/request/${enc(requestId)}?namespace=${enc(namespace)}&workload=${enc(workload)}`;
}

/**
 * Undefined for a line without a host and path (TCP), and for an inbound line: the proxy's
 * routes decide where its app's calls go, not how its own requests arrived. The authority keeps
 * its port, which picks the route configuration as the proxy's listener did.
 */
export function routeHref(entry: AccessLogEntry, at: { namespace: string; workload: string; pod: string }) {
  if (!entry.authority || !entry.path || entry.direction === "inbound") return undefined;
  const params = new URLSearchParams({
    tab: "envoy",
    routeHost: entry.authority,
    routePath: entry.path,
    pod: at.pod,
  });
  return `/namespaces/${enc(at.namespace)}/workloads/${enc(at.workload)}?${params.toString()}`;
}

/** The workload's logs tab, opened filtered (`?tab=logs&container=istio-proxy&code=503&flag=FI`). */
export function workloadLogsHref(
  namespace: string,
  workload: string,
  filter: { pod?: string; container?: string; code?: string; flag?: string },
): string {
  const params = new URLSearchParams({ tab: "logs" });
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  return `/namespaces/${enc(namespace)}/workloads/${enc(workload)}?${params.toString()}`;
}
