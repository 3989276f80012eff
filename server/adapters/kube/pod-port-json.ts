/**
 * One JSON document from an HTTP port inside a pod, through a port-forward (pod-port-forward.ts): Envoy's admin
 * API (envoy-admin.ts) and istiod's debug endpoints (istiod-debug.ts) are read this way, as istioctl reads them.
 * Every failure is a `proxy_unreachable` TopsailError naming `where`, the port and the path.
 */
import "server-only";
import { TopsailError } from "@/server/errors";
import type { KubeConnection } from "./kube-connection";
import { withPodPortForward } from "./pod-port-forward";

export interface PodPortRequest {
  namespace: string;
  pod: string;
  port: number;
  /** Path and query, e.g. `/config_dump?include_eds`. */
  path: string;
  /** What the pod is to a reader: "the proxy of pod bookinfo/productpage-…". */
  where: string;
  /** The fetch's deadline: a Kubernetes call's (TOPSAIL_KUBE_TIMEOUT_MS), since it is one, tunnelled. */
  timeoutMs: number;
}

export async function fetchPodPortJson(connection: KubeConnection, request: PodPortRequest): Promise<unknown> {
  const { where, path, port, timeoutMs } = request;
  const endpoint = path.split("?")[0];
  return withPodPortForward(connection, request, async (baseUrl) => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      throw new TopsailError(
        "proxy_unreachable",
        timedOut
          ? `${where} did not answer ${endpoint} within ${timeoutMs} ms.`
          : `${where} did not answer on its port ${port} through the port-forward.`,
        { cause: error },
      );
    }
    if (!response.ok) {
      throw new TopsailError(
        "proxy_unreachable",
        `${where} answered ${response.status} to ${endpoint}: ${(await response.text()).slice(0, 200)}`,
      );
    }
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new TopsailError("proxy_unreachable", `${where} answered ${endpoint} with something that is not JSON.`, {
        cause: error,
      });
    }
  });
}
