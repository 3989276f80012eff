/**
 * Envoy's admin API of one pod's proxy (port 15000, bound to the pod's localhost), read through a port-forward
 * (pod-port-forward.ts) as `istioctl proxy-config` and Kiali read it. The answer is checked against Envoy's
 * config dump shape (lib/envoy/config-dump.ts) here, at the boundary.
 */
import "server-only";
import { z } from "zod";
import { parseConfigDump, type ConfigDump } from "@/lib/envoy/config-dump";
import { TopsailError } from "@/server/errors";
import type { KubeConnection } from "./kube-connection";
import { withPodPortForward } from "./pod-port-forward";

export const ENVOY_ADMIN_PORT = 15000;

export async function readEnvoyConfigDump(
  connection: KubeConnection,
  target: { namespace: string; pod: string },
  timeoutMs: number,
): Promise<ConfigDump> {
  const where = `the proxy of pod ${target.namespace}/${target.pod}`;
  const json = await withPodPortForward(connection, { ...target, port: ENVOY_ADMIN_PORT }, async (baseUrl) => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/config_dump?include_eds`, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      throw new TopsailError(
        "proxy_unreachable",
        timedOut
          ? `${where} did not send its configuration within ${timeoutMs} ms.`
          : `${where} did not answer on its admin port ${ENVOY_ADMIN_PORT} through the port-forward.`,
        { cause: error },
      );
    }
    if (!response.ok) {
      throw new TopsailError(
        "proxy_unreachable",
        `${where} answered ${response.status} to /config_dump: ${(await response.text()).slice(0, 200)}`,
      );
    }
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new TopsailError("proxy_unreachable", `${where} answered /config_dump with something that is not JSON.`, {
        cause: error,
      });
    }
  });
  try {
    return parseConfigDump(json);
  } catch (error) {
    const issue = error instanceof z.ZodError ? error.issues[0] : undefined;
    throw new TopsailError(
      "proxy_unreachable",
      `${where} answered /config_dump with something that is not an Envoy config dump${issue ? ` (${issue.path.join(".")}: ${issue.message})` : ""}.`,
      { cause: error },
    );
  }
}
