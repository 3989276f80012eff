/**
 * The console's live graph sources on a given cluster connection and an unauthenticated
 * Prometheus, for what builds graphs outside the console: the graph integration test, the
 * graph API bench and the fixture recorder (scripts/record-graph-fixtures.ts).
 */
import type { KubeConnection } from "@/server/adapters/kube";
import { createPrometheusClient } from "@/server/adapters/prometheus";
import type { GraphSources } from "../graph-sources";
import { createLiveGraphSources } from "../live-sources";

export function liveSourcesOn(connection: KubeConnection, prometheusUrl: string, timeoutMs: number): GraphSources {
  const prometheus = createPrometheusClient({ url: prometheusUrl, auth: { kind: "none" }, headers: {}, timeoutMs });
  return createLiveGraphSources({ prometheus, kube: () => connection });
}
