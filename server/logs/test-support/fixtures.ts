/** Hand-written Bookinfo pods, services and proxy lines for the logs domain's unit tests. */
import type { PodSummary } from "@/server/adapters/kube/list-pods";
import type { ServiceSummary } from "@/server/adapters/kube/list-services";

export const pod = (
  name: string,
  workload: string,
  labels: Record<string, string>,
  ip: string,
  sidecar = true,
): PodSummary => ({
  namespace: "bookinfo",
  name,
  workload,
  labels,
  phase: "Running",
  ip,
  containers: sidecar ? [labels.app ?? workload, "istio-proxy"] : [labels.app ?? workload],
  hasSidecar: sidecar,
});

export const pods: PodSummary[] = [
  pod("productpage-v1-6b7f-abcde", "productpage-v1", { app: "productpage", version: "v1" }, "10.244.1.12"),
  pod("reviews-v2-5d9c-fghij", "reviews-v2", { app: "reviews", version: "v2" }, "10.244.1.19"),
  pod("ratings-v1-7c4b-klmno", "ratings-v1", { app: "ratings", version: "v1" }, "10.244.1.25"),
  pod("details-v1-8a1d-pqrst", "details-v1", { app: "details", version: "v1" }, "10.244.1.30", false),
];

export const services: ServiceSummary[] = ["productpage", "reviews", "ratings", "details"].map((name) => ({
  namespace: "bookinfo",
  name,
  selector: { app: name },
  ports: [{ port: 9080, protocol: "TCP" }],
}));

/** An access line as reviews-v2's or ratings-v1's proxy writes it. */
export function accessLine(init: {
  at: string;
  code: number;
  flags?: string;
  cluster: string;
  remote: string;
  requestId: string;
  path?: string;
}): string {
  return `[${init.at}] "GET ${init.path ?? "/ratings/0"} HTTP/1.1" ${init.code} ${init.flags ?? "-"} ${init.code === 503 ? "fault_filter_abort" : "via_upstream"} - "-" 0 18 1 - "-" "Apache-CXF/3.1.18" "${init.requestId}" "ratings:9080" "-" ${init.cluster} - 10.96.37.118:9080 ${init.remote} - -`;
}

/** `pods/log?timestamps=true` text: each line prefixed with the kubelet's time. */
export const timestamped = (lines: [string, string][]) => lines.map(([time, text]) => `${time} ${text}\n`).join("");
