/**
 * server/envoy: a workload proxy's Envoy configuration — wired here to the cluster cache (which pods exist) and to
 * a port-forward opened as the viewer (the config dump), so the viewer's own `create pods/portforward` applies; which
 * pods exist is read only for a viewer who may `list pods` in the namespace (403 otherwise).
 */
import "server-only";
import type { EnvoySummary, RouteDecision, RouteMatchQuery } from "@/lib/contracts/envoy";
import { getKubeConnection } from "@/server/adapters/kube";
import { readEnvoyConfigDump } from "@/server/adapters/kube/envoy-admin";
import { PODS, requireReadable } from "@/server/auth/namespace-visibility";
import { getViewerConnection } from "@/server/auth/viewer-connection";
import { getConfig } from "@/server/config";
import { readNamespaceObjects } from "@/server/inventory/read-namespace-objects";
import { explainProxyRoute, readProxySummary, type EnvoyDeps, type ProxyTarget } from "./read-proxy-config";

export function liveEnvoyDeps(): EnvoyDeps {
  return {
    listPods: async (namespace) => (await readNamespaceObjects(getKubeConnection(), namespace)).pods,
    readConfigDump: (namespace, pod) =>
      // The dump's fetch gets the deadline of a Kubernetes call (TOPSAIL_KUBE_TIMEOUT_MS): it is one, tunnelled.
      readEnvoyConfigDump(getViewerConnection(), { namespace, pod }, getConfig().kube.timeoutMs),
  };
}

export async function getEnvoySummary(target: ProxyTarget): Promise<EnvoySummary> {
  await requireReadable(target.namespace, PODS);
  return readProxySummary(liveEnvoyDeps(), target);
}

export async function explainEnvoyRoute(
  target: ProxyTarget,
  request: Pick<RouteMatchQuery, "host" | "path" | "headers">,
): Promise<RouteDecision> {
  await requireReadable(target.namespace, PODS);
  return explainProxyRoute(liveEnvoyDeps(), target, request);
}
