/**
 * server/tracing: traces from the tracing backend, wired to the live client
 * (TOPSAIL_TRACING_URL) and the cluster cache. Everything below this file takes its I/O as
 * parameters.
 */
import "server-only";
import type { TraceDetail, TraceListQuery, TraceListResponse, TracingStatus } from "@/lib/contracts/tracing";
import { getKubeConnection } from "@/server/adapters/kube";
import { listServices } from "@/server/adapters/kube/list-services";
import { listWorkloads } from "@/server/adapters/kube/list-workloads";
import { getTracingClient, type TracingClient } from "@/server/adapters/tracing";
import { INVENTORY_RESOURCES, PODS, requireReadable, viewerVisibility } from "@/server/auth/namespace-visibility";
import { exampleTracingUrl } from "@/server/config/parse-config";
import { TopsailError } from "@/server/errors";
import { findTraceByRequestId, getTrace, type GetTraceDeps, type RequestLookup } from "./get-trace";
import { listTraces, type ListTracesDeps, type TraceTarget } from "./list-traces";

export const tracingOffHint = `Tracing is off: set \`TOPSAIL_TRACING_URL\` to your Jaeger query URL (Istio's Jaeger addon: \`${exampleTracingUrl}\` through \`kubectl -n istio-system port-forward svc/tracing 16686:80\`, or \`http://tracing.istio-system/jaeger\` in the cluster) and restart the console`;

export function getTracingStatus(): TracingStatus {
  return getTracingClient() ? { configured: true } : { configured: false, hint: tracingOffHint };
}

function requireClient(): TracingClient {
  const client = getTracingClient();
  if (!client) throw new TopsailError("tracing_not_configured", tracingOffHint);
  return client;
}

function liveDeps(): ListTracesDeps & GetTraceDeps {
  const visibility = viewerVisibility();
  // The cluster is asked only by the calls that need it: a trace by id needs no connection.
  return {
    client: requireClient(),
    appOfWorkload: async (namespace, workload) =>
      (await listWorkloads(getKubeConnection(), namespace)).find((w) => w.name === workload)?.app,
    appOfService: async (namespace, service) =>
      (await listServices(getKubeConnection(), namespace)).find((s) => s.name === service)?.selector.app,
    canReadWorkloads: async (namespace) =>
      (await visibility.canSee(namespace)) && (await visibility.canRead(namespace, PODS)),
    now: () => new Date(),
  };
}

/**
 * A namespace the viewer may not see is answered 404, and a target whose objects they may not
 * list there (pods, or services) 403, before the backend is asked.
 */
export async function listTracesLive(target: TraceTarget, query: TraceListQuery): Promise<TraceListResponse> {
  await requireReadable(target.namespace, INVENTORY_RESOURCES[target.kind]);
  return listTraces(liveDeps(), target, query);
}

export function getTraceLive(traceId: string): Promise<TraceDetail> {
  return getTrace(liveDeps(), traceId);
}

/** The lookup names a workload: its namespace's pods must be the viewer's to list. */
export async function findTraceByRequestIdLive(lookup: RequestLookup): Promise<TraceDetail> {
  await requireReadable(lookup.namespace, PODS);
  return findTraceByRequestId(liveDeps(), lookup);
}
