/**
 * Envoy's admin API of one pod's proxy (port 15000, bound to the pod's localhost), read through a port-forward
 * (pod-port-json.ts) as `istioctl proxy-config` and Kiali read it. The answer is checked against Envoy's
 * config dump shape (lib/envoy/config-dump.ts) here, at the boundary.
 */
import "server-only";
import { z } from "zod";
import { parseConfigDump, type ConfigDump } from "@/lib/envoy/config-dump";
import { TopsailError } from "@/server/errors";
import type { KubeConnection } from "./kube-connection";
import { fetchPodPortJson } from "./pod-port-json";

export const ENVOY_ADMIN_PORT = 15000;

export async function readEnvoyConfigDump(
  connection: KubeConnection,
  target: { namespace: string; pod: string },
  timeoutMs: number,
): Promise<ConfigDump> {
  const where = `the proxy of pod ${target.namespace}/${target.pod}`;
  const json = await fetchPodPortJson(connection, {
    ...target,
    port: ENVOY_ADMIN_PORT,
    path: "/config_dump?include_eds",
    where,
    timeoutMs,
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
