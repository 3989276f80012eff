/** The live connection status, wired to the real adapters. */
import "server-only";
import type { ConnectionStatus } from "@/lib/contracts/status";
import { getConfig } from "@/server/config";
import { checkDatabase } from "@/server/adapters/db/client";
import { getKubeConnection, getServerVersion, isIstioInstalled } from "@/server/adapters/kube";
import { getPrometheusClient } from "@/server/adapters/prometheus";
import { getConnectionStatus } from "./get-connection-status";

/** `timeoutMs` bounds each probe; the readiness check (server/readiness) wants a shorter one. */
export function getLiveConnectionStatus(timeoutMs = 5000): Promise<ConnectionStatus> {
  const prometheusUrl = getConfig().prometheus.url;
  return getConnectionStatus({
    prometheusUrl,
    timeoutMs,
    kubernetes: async () => {
      const connection = getKubeConnection();
      const [version, istio] = await Promise.all([getServerVersion(connection), isIstioInstalled(connection)]);
      return { server: connection.server, version, istio };
    },
    prometheus: async () => {
      const client = getPrometheusClient();
      const [info, absent] = await Promise.all([client.buildInfo(), client.query("absent(istio_requests_total)")]);
      const istioMetrics = absent.kind === "vector" && absent.samples.length === 0;
      return { url: prometheusUrl, version: info.version, istioMetrics };
    },
    database: checkDatabase,
  });
}
