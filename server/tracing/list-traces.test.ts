import { describe, expect, it } from "vitest";
import { traceListQuerySchema } from "@/lib/contracts/tracing";
import { listTraces, type ListTracesDeps } from "./list-traces";
import { fakeTracingClient, normalV2, ratingsAbort, ratingsDelay } from "./test-support/bookinfo-records";

const now = new Date(1_790_000_100_000);
const query = (q: Record<string, string> = {}) => traceListQuerySchema.parse(q);

function deps(client = fakeTracingClient([normalV2, ratingsAbort, ratingsDelay])) {
  const value: ListTracesDeps = {
    client,
    appOfWorkload: async (_ns, workload) => (workload.startsWith("reviews-") ? "reviews" : undefined),
    appOfService: async (_ns, service) => (service === "reviews" ? "reviews" : undefined),
    canReadWorkloads: async () => true,
    now: () => now,
  };
  return { client, value };
}

describe("listing recent traces", () => {
  it("searches a workload's app over the range and keeps only traces through its own pods", async () => {
    const { client, value } = deps();
    const v2 = await listTraces(
      value,
      { kind: "workloads", namespace: "bookinfo", name: "reviews-v2" },
      query({ range: "600" }),
    );
    expect(client.searches[0]).toMatchObject({ service: "reviews.bookinfo", limit: 100, tags: undefined });
    expect(client.searches[0]?.start.getTime()).toBe(now.getTime() - 600_000);
    expect(v2).toMatchObject({ service: "reviews.bookinfo", workload: "reviews-v2", truncated: false });
    expect(v2.traces).toHaveLength(3);
    const v1 = await listTraces(value, { kind: "workloads", namespace: "bookinfo", name: "reviews-v1" }, query());
    expect(v1.traces).toEqual([]);
  });

  it("lists errors only: asks the backend for error=true and shows the aborted and the given-up traces", async () => {
    const { client, value } = deps();
    const result = await listTraces(
      value,
      { kind: "applications", namespace: "bookinfo", name: "reviews" },
      query({ errorsOnly: "true" }),
    );
    expect(client.searches[0]?.tags).toEqual({ error: "true" });
    expect(result.traces.map((t) => t.traceId).sort()).toEqual([ratingsAbort.traceId, ratingsDelay.traceId].sort());
  });

  it("passes tags and the minimum duration through, and summarizes each trace from its root", async () => {
    const { client, value } = deps();
    const result = await listTraces(
      value,
      { kind: "services", namespace: "bookinfo", name: "reviews" },
      query({ tags: "response_flags=DC", minDuration: "1000" }),
    );
    expect(client.searches[0]).toMatchObject({ tags: { response_flags: "DC" }, minDurationMs: 1000 });
    expect(result.traces).toEqual([
      expect.objectContaining({
        traceId: ratingsDelay.traceId,
        rootService: "istio-ingressgateway.istio-system",
        // As Jaeger counts it, first start to last end: reviews keeps waiting on ratings after productpage left.
        durationMs: 10_012.5,
        httpCode: 200,
        errorSpans: 4,
        spanCount: 13,
      }),
    ]);
  });

  it("leaves the names of namespaces the viewer may not see out of the summaries", async () => {
    const { value } = deps();
    const result = await listTraces(
      { ...value, canReadWorkloads: async (ns) => ns !== "istio-system" },
      { kind: "applications", namespace: "bookinfo", name: "details" },
      query(),
    );
    expect(result.traces[0]).toMatchObject({ rootService: "hidden", rootOperation: "hidden", durationMs: 30 });
    expect(result.traces.flatMap((t) => t.services)).not.toContain("istio-ingressgateway.istio-system");
  });

  it("says when the backend's limit may have cut older traces off", async () => {
    const { value } = deps();
    const result = await listTraces(
      value,
      { kind: "applications", namespace: "bookinfo", name: "productpage" },
      query({ limit: "2" }),
    );
    expect(result.truncated).toBe(true);
  });
});
