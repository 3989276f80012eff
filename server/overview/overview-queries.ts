/** The Overview's sparkline query: inbound requests/s of every shown namespace, in one range query. */
import "server-only";
import { escapeRegex, selector, sumRate } from "@/server/adapters/prometheus/promql";

export const SPARKLINE = { rangeSeconds: 1800, stepSeconds: 30, rateWindowSeconds: 60 } as const;

export function buildSparklineQuery(
  namespaces: readonly string[],
  rateWindowSeconds: number = SPARKLINE.rateWindowSeconds,
): string {
  return sumRate(
    selector("istio_requests_total", [
      { label: "reporter", op: "=", value: "destination" },
      // Prometheus anchors regexes; each name is matched literally.
      { label: "destination_workload_namespace", op: "=~", value: namespaces.map(escapeRegex).join("|") },
    ]),
    rateWindowSeconds,
    ["destination_workload_namespace"],
  );
}
