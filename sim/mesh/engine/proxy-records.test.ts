import { describe, expect, it } from "vitest";
import { startHarness } from "../test-support/mesh-harness";
import { RATINGS_TEST_ABORT, REVIEWS_TEST_V2, VIRTUAL_SERVICE_ALL_V1 } from "../test-support/sample-networking";
import { formatAccessLogLine } from "../telemetry/access-log";
import type { ProxyRecord } from "../telemetry/proxy-record";

function recordBookinfo(yaml: string, ms: number): ProxyRecord[] {
  const records: ProxyRecord[] = [];
  const h = startHarness({ "bookinfo-ingress": { requestsPerSecond: 10, jasonShare: 0.5 } }, 5, {
    record: (r) => records.push(r),
  });
  if (yaml) h.apply(yaml);
  h.run(ms);
  h.engine.stop();
  return records;
}

const workloadOf = (r: ProxyRecord): string => r.pod.identity.workload;

describe("proxy records of Bookinfo traffic", () => {
  const records = recordBookinfo("", 5_000);

  it("follows one user request through every proxy under one request id and one trace", () => {
    const gateway = records.find((r) => r.pod.isGateway && r.code === 200);
    expect(gateway).toBeDefined();
    const hops = records.filter((r) => r.requestId === gateway?.requestId);
    const names = hops.map((r) => `${workloadOf(r)} ${r.direction}`).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        "istio-ingressgateway outbound",
        "productpage-v1 inbound",
        "productpage-v1 outbound",
        "details-v1 inbound",
      ]),
    );
    expect(new Set(hops.map((r) => r.trace.traceId)).size).toBe(1);
    expect(gateway?.trace.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(gateway?.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // Parent links: gateway's router span → productpage inbound → its outbound call → details inbound.
    const inbound = hops.find((r) => workloadOf(r) === "productpage-v1" && r.direction === "inbound");
    expect(gateway?.trace.routerSpanId).toMatch(/^[0-9a-f]{16}$/);
    expect(inbound?.trace.parentSpanId).toBe(gateway?.trace.routerSpanId);
    const toDetails = hops.find((r) => workloadOf(r) === "productpage-v1" && r.path === "/details/0");
    expect(toDetails?.trace.parentSpanId).toBe(inbound?.trace.spanId);
    const details = hops.find((r) => workloadOf(r) === "details-v1");
    expect(details?.trace.parentSpanId).toBe(toDetails?.trace.spanId);
  });

  it("writes Istio's names: default route and cluster outbound, inbound cluster and mTLS SNI on the server", () => {
    const out = records.find((r) => workloadOf(r) === "productpage-v1" && r.path === "/details/0");
    expect(out).toMatchObject({
      authority: "details:9080",
      routeName: "default",
      upstreamCluster: "outbound|9080||details.bookinfo.svc.cluster.local",
      operationName: "details.bookinfo.svc.cluster.local:9080/*",
      details: "via_upstream",
    });
    const line = formatAccessLogLine(out as ProxyRecord);
    expect(line).toMatch(/^\[\S+Z\] "GET \/details\/0 HTTP\/1\.1" 200 - via_upstream - "-" 0 \d+ \d+ \d+ /);
    const server = records.find((r) => workloadOf(r) === "details-v1");
    expect(server).toMatchObject({
      direction: "inbound",
      upstreamCluster: "inbound|9080||",
      requestedServerName: "outbound_.9080_._.details.bookinfo.svc.cluster.local",
    });
    expect(server?.upstreamLocalAddress).toMatch(/^127\.0\.0\.6:\d+$/);
  });
});

describe("proxy records under a fault abort for jason", () => {
  const records = recordBookinfo(VIRTUAL_SERVICE_ALL_V1 + REVIEWS_TEST_V2 + RATINGS_TEST_ABORT, 5_000);

  it("logs reviews-v2's call to ratings as a local FI reply of the VirtualService's subset cluster", () => {
    const aborted = records.filter((r) => workloadOf(r) === "reviews-v2" && r.path === "/ratings/0" && r.code === 500);
    expect(aborted.length).toBeGreaterThan(0);
    for (const r of aborted)
      expect(formatAccessLogLine(r)).toContain(
        '500 FI fault_filter_abort - "-" 0 18 0 - "-" "Apache-CXF/3.1.18" ' +
          `"${r.requestId}" "ratings:9080" "-" ` +
          "outbound|9080|v1|ratings.bookinfo.svc.cluster.local - ",
      );
    expect(aborted[0]?.virtualService).toBe("bookinfo/ratings");
    // Ratings never sees an aborted request.
    const ids = new Set(aborted.map((r) => r.requestId));
    expect(records.some((r) => workloadOf(r) === "ratings-v1" && ids.has(r.requestId))).toBe(false);
  });
});
