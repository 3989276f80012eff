/** server/metrics: the charts of the detail pages, wired to the live Prometheus. */
import "server-only";
import type { MetricsResponse } from "@/lib/contracts/metrics";
import { getPrometheusClient } from "@/server/adapters/prometheus";
import { INVENTORY_RESOURCES, requireReadable } from "@/server/auth/namespace-visibility";
import { readCharts, type ReadChartsRequest } from "./read-charts";

/**
 * A namespace the viewer may not see is answered 404, and a target whose objects they may not
 * list there (pods, or services) 403, before Prometheus is asked.
 */
export async function getMetrics(request: ReadChartsRequest): Promise<MetricsResponse> {
  await requireReadable(request.target.namespace, INVENTORY_RESOURCES[request.target.kind]);
  return readCharts(getPrometheusClient(), request, new Date());
}

export { directionsOf, type MetricTarget } from "./metric-queries";
