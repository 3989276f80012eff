/** server/metrics: the charts of the detail pages, wired to the live Prometheus. */
import "server-only";
import type { MetricsResponse } from "@/lib/contracts/metrics";
import { getPrometheusClient } from "@/server/adapters/prometheus";
import { requireVisibleNamespace } from "@/server/auth/namespace-visibility";
import { readCharts, type ReadChartsRequest } from "./read-charts";

/** A namespace the viewer may not see is answered 404 before Prometheus is asked. */
export async function getMetrics(request: ReadChartsRequest): Promise<MetricsResponse> {
  await requireVisibleNamespace(request.target.namespace);
  return readCharts(getPrometheusClient(), request, new Date());
}

export { directionsOf, type MetricTarget } from "./metric-queries";
