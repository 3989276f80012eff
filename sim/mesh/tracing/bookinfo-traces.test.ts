/**
 * The traces the running engine produces, read back through the Jaeger query API as Kiali
 * would: Bookinfo's span structure, a fault abort, and productpage giving up on reviews
 * when ratings is delayed 7 s for jason (Bookinfo's known timeout bug).
 */
import { describe, expect, it } from "vitest";
import { startHarness } from "../test-support/mesh-harness";
import { RATINGS_TEST_ABORT, RATINGS_TEST_DELAY, REVIEWS_TEST_V2 } from "../test-support/sample-networking";
import { answerJaegerQuery } from "./jaeger-api";
import type { JaegerSpan, JaegerTrace } from "./jaeger-model";
import { TraceStore } from "./trace-store";

function run(yaml: string[], ms: number): { store: TraceStore; nowUs: number } {
  const store = new TraceStore();
  const h = startHarness({ "bookinfo-ingress": { requestsPerSecond: 10, jasonShare: 0.5 } }, 11, store);
  for (const y of yaml) h.apply(y);
  h.run(ms);
  h.engine.stop();
  return { store, nowUs: (Date.now() + ms + 60_000) * 1000 };
}

function search(store: TraceStore, nowUs: number, query: Record<string, string>): JaegerTrace[] {
  const answer = answerJaegerQuery(store, "GET", "/api/traces", new URLSearchParams(query), nowUs);
  if (!("envelope" in answer)) throw new Error(`search failed: ${answer.status} ${answer.text}`);
  return answer.envelope.data as JaegerTrace[];
}

const tag = (span: JaegerSpan, key: string): string | undefined => span.tags.find((t) => t.key === key)?.value;
const serviceOf = (trace: JaegerTrace, span: JaegerSpan): string => trace.processes[span.processID]?.serviceName ?? "";
const kindOf = (span: JaegerSpan): string | undefined => tag(span, "span.kind");

/** Each span as `service kind` with its parent's, to compare a trace's tree with Bookinfo's. */
function tree(trace: JaegerTrace): string[] {
  const byId = new Map(trace.spans.map((s) => [s.spanID, s]));
  return trace.spans
    .map((s) => {
      const parent = s.references[0] && byId.get(s.references[0].spanID);
      const me = `${serviceOf(trace, s)} ${kindOf(s)}`;
      return parent ? `${serviceOf(trace, parent)} ${kindOf(parent)} → ${me}` : `root ${me}`;
    })
    .sort();
}

describe("Bookinfo traces from the traffic engine", () => {
  it("have Bookinfo's span structure: 9 spans through reviews v2, one tree rooted at the ingress gateway", () => {
    const { store, nowUs } = run([REVIEWS_TEST_V2], 8_000);
    const jason = search(store, nowUs, { service: "reviews.bookinfo", limit: "50" });
    const complete = jason.filter((t) => t.spans.some((s) => s.operationName.startsWith("router ")));
    const viaV2 = complete.find((t) =>
      t.spans.some((s) => serviceOf(t, s) === "ratings.bookinfo" && kindOf(s) === "server"),
    );
    expect(viaV2).toBeDefined();
    if (!viaV2) return;
    expect(viaV2.spans).toHaveLength(9);
    expect(tree(viaV2)).toEqual(
      [
        "root istio-ingressgateway.istio-system server",
        "istio-ingressgateway.istio-system server → istio-ingressgateway.istio-system client",
        "istio-ingressgateway.istio-system client → productpage.bookinfo server",
        "productpage.bookinfo server → productpage.bookinfo client",
        "productpage.bookinfo server → productpage.bookinfo client",
        "productpage.bookinfo client → details.bookinfo server",
        "productpage.bookinfo client → reviews.bookinfo server",
        "reviews.bookinfo server → reviews.bookinfo client",
        "reviews.bookinfo client → ratings.bookinfo server",
      ].sort(),
    );
    // Envoy names each server span after the service it serves, even where the gateway forwarded the browser's Host.
    const productpageServer = viaV2.spans.find(
      (s) => serviceOf(viaV2, s) === "productpage.bookinfo" && kindOf(s) === "server",
    );
    expect(productpageServer?.operationName).toBe("productpage.bookinfo.svc.cluster.local:9080/*");
    // One request id across the whole trace: the access-log lines of every hop find it.
    const requestIds = viaV2.spans.map((s) => tag(s, "guid:x-request-id")).filter((id) => id !== undefined);
    expect(requestIds).toHaveLength(8); // all but the gateway's router span
    expect(new Set(requestIds).size).toBe(1);
  });

  it("show an aborted ratings call as an errored client span with FI and no ratings server span", () => {
    const { store, nowUs } = run([REVIEWS_TEST_V2, RATINGS_TEST_ABORT], 8_000);
    const errored = search(store, nowUs, { service: "reviews.bookinfo", tags: '{"response_flags":"FI"}' });
    expect(errored.length).toBeGreaterThan(0);
    for (const trace of errored) {
      const aborted = trace.spans.find((s) => tag(s, "response_flags") === "FI");
      expect(aborted && tag(aborted, "http.status_code")).toBe("500");
      expect(aborted && tag(aborted, "error")).toBe("true");
      expect(aborted && tag(aborted, "upstream_cluster")).toBe("outbound|9080|v1|ratings.bookinfo.svc.cluster.local");
      expect(trace.spans.some((s) => serviceOf(trace, s) === "ratings.bookinfo")).toBe(false);
    }
  });

  it("show productpage giving up on reviews after 3 s, twice, when ratings is delayed 7 s for jason", () => {
    const { store, nowUs } = run([REVIEWS_TEST_V2, RATINGS_TEST_DELAY], 20_000);
    const slow = search(store, nowUs, { service: "productpage.bookinfo", minDuration: "5s" });
    expect(slow.length).toBeGreaterThan(0);
    for (const trace of slow) {
      const gaveUp = trace.spans.filter(
        (s) =>
          serviceOf(trace, s) === "productpage.bookinfo" &&
          kindOf(s) === "client" &&
          tag(s, "upstream_cluster")?.includes("reviews"),
      );
      expect(gaveUp).toHaveLength(2);
      for (const span of gaveUp) {
        expect(tag(span, "response_flags")).toBe("DC");
        expect(span.duration / 1000).toBeGreaterThanOrEqual(2_990);
        expect(span.duration / 1000).toBeLessThan(3_100);
      }
    }
  });
});
