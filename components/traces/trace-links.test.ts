import { describe, expect, it } from "vitest";
import type { TraceSpan, TraceSummary } from "@/lib/contracts/tracing";
import { envoyRouteHref, formatTraceDuration, traceGraphHref, worstFirst } from "./trace-links";

const span = (over: Partial<TraceSpan>): TraceSpan => ({
  spanId: "b000000000000006",
  depth: 3,
  startOffsetMs: 7,
  durationMs: 18,
  service: "productpage.bookinfo",
  operation: "reviews.bookinfo.svc.cluster.local:9080/*",
  kind: "client",
  proxy: "sidecar",
  namespace: "bookinfo",
  pod: "productpage-v1-6b746f74dc-9stvs",
  workload: "productpage-v1",
  url: "http://reviews:9080/reviews/0",
  error: false,
  hidden: false,
  tags: [],
  ...over,
});

describe("trace links", () => {
  it("links a sidecar's span to its workload's Envoy route for the span's host and path, on its pod", () => {
    expect(envoyRouteHref(span({}))).toBe(
      "/namespaces/bookinfo/workloads/productpage-v1?tab=envoy&routeHost=reviews%3A9080&routePath=%2Freviews%2F0&pod=productpage-v1-6b746f74dc-9stvs",
    );
  });

  it("gives gateway spans and hidden spans no Envoy link", () => {
    expect(envoyRouteHref(span({ proxy: "router" }))).toBeUndefined();
    expect(envoyRouteHref(span({ hidden: true, proxy: undefined, pod: undefined }))).toBeUndefined();
  });

  it("opens the graph of the trace's namespaces with the trace lit, over a window that holds it", () => {
    const trace = {
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      startMs: 1_790_000_000_000,
      path: {
        nodes: [
          { key: "istio-system/gw", namespace: "istio-system", workload: "gw" },
          { key: "bookinfo/productpage-v1", namespace: "bookinfo", workload: "productpage-v1" },
        ],
        hops: [],
      },
    };
    expect(traceGraphHref(trace, trace.startMs + 30_000)).toBe(
      "/graph?namespaces=bookinfo%2Cistio-system&graphType=versionedApp&duration=300s&trace=4bf92f3577b34da6a3ce929d0e0e4736",
    );
    expect(traceGraphHref(trace, trace.startMs + 20 * 60_000)).toContain("duration=1800s");
  });

  it("puts errored traces first, then the slowest", () => {
    const t = (traceId: string, durationMs: number, errorSpans: number) =>
      ({ traceId, durationMs, errorSpans }) as TraceSummary;
    expect(worstFirst([t("fast", 10, 0), t("slow", 6000, 0), t("failed", 20, 1)]).map((x) => x.traceId)).toEqual([
      "failed",
      "slow",
      "fast",
    ]);
    expect(formatTraceDuration(6020)).toBe("6.02 s");
    expect(formatTraceDuration(0.4)).toBe("0.4 ms");
  });
});
