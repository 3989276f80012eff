/**
 * The Overview's sparkline query: per shown namespace, inbound HTTP/gRPC requests/s and
 * inbound TCP bytes/s, in one range query. A namespace whose services speak only TCP (a
 * database, a message broker) has no requests at all; its TCP bytes are its traffic.
 * Each series is tagged with the `traffic` label of its row below.
 */
import "server-only";
import { escapeRegex, selector, sumRate, withLabel } from "@/server/adapters/prometheus/promql";

export const SPARKLINE = { rangeSeconds: 1800, stepSeconds: 30, rateWindowSeconds: 60 } as const;

/** The label the query adds to say which row a series answers. */
export const SPARKLINE_TRAFFIC_LABEL = "traffic";

/** What each sparkline series measures: a new kind of traffic is a new row. */
export const sparklineTraffic = [
  { traffic: "http", metric: "istio_requests_total" },
  // Bytes the namespace's workloads received, as the inventory's traffic tab reads TCP (inventory-queries.ts).
  { traffic: "tcp", metric: "istio_tcp_received_bytes_total" },
] as const;
export type SparklineTraffic = (typeof sparklineTraffic)[number]["traffic"];

export function buildSparklineQuery(
  namespaces: readonly string[],
  rateWindowSeconds: number = SPARKLINE.rateWindowSeconds,
): string {
  const matchers = [
    { label: "reporter", op: "=", value: "destination" },
    // Prometheus anchors regexes; each name is matched literally.
    { label: "destination_workload_namespace", op: "=~", value: namespaces.map(escapeRegex).join("|") },
  ] as const;
  return sparklineTraffic
    .map(({ traffic, metric }) =>
      withLabel(
        sumRate(selector(metric, matchers), rateWindowSeconds, ["destination_workload_namespace"]),
        SPARKLINE_TRAFFIC_LABEL,
        traffic,
      ),
    )
    .join(" or ");
}
