import { describe, expect, it } from "vitest";
import type { PromSample } from "@/server/adapters/prometheus";
import { defaultQueryOptions } from "./graph-queries";
import { readTelemetry } from "./read-telemetry";

const edge = {
  source_cluster: "Kubernetes",
  source_workload_namespace: "shop",
  source_workload: "web-v1",
  source_canonical_service: "web",
  source_canonical_revision: "v1",
  destination_cluster: "Kubernetes",
  destination_workload_namespace: "payments",
  destination_workload: "pay-v1",
  destination_canonical_service: "pay",
  destination_canonical_revision: "v1",
  destination_service: "pay.payments.svc.cluster.local",
  destination_service_name: "pay",
  destination_service_namespace: "payments",
  request_protocol: "http",
};
const sample = (outcome: Record<string, string>, value: number): PromSample => ({
  labels: { ...edge, grpc_response_status: "", ...outcome },
  value,
});

/**
 * web (namespace shop) calls pay (namespace payments). The shop namespace's queries come
 * first, so the client's report of the call is answered before the server's.
 */
function sources(): { queryPrometheus: (promql: string) => Promise<PromSample[]> } {
  return {
    async queryPrometheus(promql) {
      if (!promql.startsWith("sum(rate(istio_requests_total")) return [];
      if (promql.includes('reporter="source"') && promql.includes('source_workload_namespace="shop"')) {
        return [
          sample({ response_code: "200", response_flags: "-" }, 9),
          sample({ response_code: "503", response_flags: "UF" }, 1),
          sample({ response_code: "503", response_flags: "UO" }, 2),
        ];
      }
      if (promql.includes('reporter="destination"') && promql.includes('destination_workload_namespace="payments"')) {
        return [
          sample({ response_code: "200", response_flags: "-", connection_security_policy: "mutual_tls" }, 9),
          sample({ response_code: "503", response_flags: "UF", connection_security_policy: "mutual_tls" }, 1),
        ];
      }
      return [];
    },
  };
}

describe("reading the graph's telemetry", () => {
  it("counts each request once, from the server's report, plus what only the client saw, whichever namespace answers first", async () => {
    const { rows } = await readTelemetry(
      sources(),
      ["shop", "payments"],
      { seconds: 60, end: new Date(0) },
      defaultQueryOptions,
    );
    const seen = rows.map((r) => `${r.reporter} ${r.code} ${r.flags} ${r.rate}`).sort();
    expect(seen).toEqual(["destination 200 - 9", "destination 503 UF 1", "source 503 UO 2"]);
  });

  it("keeps the client's report when the server's namespace is not asked for", async () => {
    const { rows } = await readTelemetry(sources(), ["shop"], { seconds: 60, end: new Date(0) }, defaultQueryOptions);
    expect(rows.map((r) => `${r.reporter} ${r.code} ${r.flags}`).sort()).toEqual([
      "source 200 -",
      "source 503 UF",
      "source 503 UO",
    ]);
  });
});
