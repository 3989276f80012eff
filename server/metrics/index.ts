/** server/metrics: the charts of the detail pages, wired to the live Prometheus. */
import "server-only";
import type { MetricsResponse } from "@/lib/contracts/metrics";
import { getPrometheusClient } from "@/server/adapters/prometheus";
import { readCharts, type ReadChartsRequest } from "./read-charts";

export function getMetrics(request: ReadChartsRequest): Promise<MetricsResponse> {
  return readCharts(getPrometheusClient(), request, new Date());
}

export { directionsOf, type MetricTarget } from "./metric-queries";
