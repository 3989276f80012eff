import "server-only";
import { getConfig } from "@/server/config";
import { observePrometheusQuery } from "@/server/observability/console-metrics";
import { createPrometheusClient, type PrometheusClient } from "./prometheus-client";

let client: PrometheusClient | undefined;

/** The console's Prometheus client, built once from the configuration. */
export function getPrometheusClient(): PrometheusClient {
  client ??= createPrometheusClient({ ...getConfig().prometheus, observe: observePrometheusQuery });
  return client;
}

export { createPrometheusClient, type PrometheusClient } from "./prometheus-client";
export type { QueryResult, InstantSample, RangeSeries } from "./prometheus-response";
export { queryVector, type PromSample } from "./query-vector";
