import { describe, expect, it } from "vitest";
import { toTraceDetail } from "./to-trace-detail";
import { normalV2, ratingsAbort, ratingsDelay, requestIds } from "./test-support/bookinfo-records";

const everything = () => true;
const row = (s: { depth: number; workload?: string; kind: string }) => `${"  ".repeat(s.depth)}${s.workload} ${s.kind}`;

describe("a trace as a waterfall", () => {
  it("nests Bookinfo's nine spans under the gateway, children by start time", () => {
    const detail = toTraceDetail(normalV2, everything);
    expect(detail.spans.map(row)).toEqual([
      "istio-ingressgateway server",
      "  istio-ingressgateway client",
      "    productpage-v1 server",
      "      productpage-v1 client",
      "        details-v1 server",
      "      productpage-v1 client",
      "        reviews-v2 server",
      "          reviews-v2 client",
      "            ratings-v1 server",
    ]);
    expect(detail).toMatchObject({ durationMs: 30, errorSpans: 0, requestId: requestIds.normalV2 });
    expect(detail.spans[2]).toMatchObject({ startOffsetMs: 0.8, durationMs: 28, httpCode: 200, namespace: "bookinfo" });
  });

  it("shows the aborted ratings call as an erroneous 500 FI span with no ratings span under it", () => {
    const detail = toTraceDetail(ratingsAbort, everything);
    const aborted = detail.spans.find((s) => s.responseFlags === "FI");
    expect(aborted).toMatchObject({ workload: "reviews-v2", kind: "client", httpCode: 500, error: true });
    expect(detail.spans.some((s) => s.workload === "ratings-v1")).toBe(false);
    expect(detail.errorSpans).toBe(1);
  });

  it("shows productpage giving up on reviews twice after 3 s (no code, DC) while the page still answers 200", () => {
    const detail = toTraceDetail(ratingsDelay, everything);
    const gaveUp = detail.spans.filter((s) => s.workload === "productpage-v1" && s.responseFlags === "DC");
    expect(gaveUp).toHaveLength(2);
    expect(gaveUp.map((s) => [s.httpCode, s.durationMs, s.error])).toEqual([
      [undefined, 3000, true],
      [undefined, 3000, true],
    ]);
    expect(gaveUp[1]?.startOffsetMs).toBeGreaterThan(3000);
    const page = detail.spans.find((s) => s.workload === "productpage-v1" && s.kind === "server");
    expect(page).toMatchObject({ httpCode: 200, error: false });
    const slowRatings = detail.spans.filter((s) => s.responseFlags === "DI");
    expect(slowRatings.every((s) => s.durationMs > 7000)).toBe(true);
  });

  it("keeps spans of a namespace the viewer may not see as timing only", () => {
    const detail = toTraceDetail(normalV2, (ns) => ns !== "istio-system");
    const [gateway] = detail.spans;
    expect(gateway).toMatchObject({ hidden: true, service: "hidden", tags: [], durationMs: 30 });
    expect(gateway?.pod).toBeUndefined();
    expect(detail.path.nodes.some((n) => n.namespace === "istio-system")).toBe(false);
  });

  it("draws a span whose parent never arrived as a root instead of dropping it", () => {
    const orphan = { ...normalV2, spans: normalV2.spans.filter((s) => s.spanId !== "a000000000000003") };
    const detail = toTraceDetail(orphan, everything);
    expect(detail.spans).toHaveLength(8);
    expect(detail.spans.filter((s) => s.depth === 0).map((s) => s.workload)).toEqual([
      "istio-ingressgateway",
      "productpage-v1",
      "productpage-v1",
    ]);
  });
});
