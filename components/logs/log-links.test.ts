import { describe, expect, it } from "vitest";
import { parseAccessLine } from "@/lib/access-log";
import { routeHref } from "./log-links";

// Real lines (Istio's default text format): productpage's outbound call, and reviews' inbound side of one.
const outbound =
  '[2026-08-24T10:15:42.118Z] "GET /reviews/0 HTTP/1.1" 200 - via_upstream - "-" 0 358 24 23 "-" "python-requests/2.32.3" "5c1f8e0a-3b7d-9f2e-a1c4-7e2d9b0f6a11" "reviews:9080" "10.244.1.17:9080" outbound|9080||reviews.bookinfo.svc.cluster.local 10.244.1.12:46874 10.96.148.72:9080 10.244.1.12:50692 - default';
const inbound =
  '[2026-08-24T10:15:42.120Z] "GET /reviews/0 HTTP/1.1" 200 - via_upstream - "-" 0 358 21 21 "-" "python-requests/2.32.3" "5c1f8e0a-3b7d-9f2e-a1c4-7e2d9b0f6a11" "reviews:9080" "10.244.1.17:9080" inbound|9080|| 127.0.0.6:47353 10.244.1.17:9080 10.244.1.12:46874 outbound_.9080_._.reviews.bookinfo.svc.cluster.local default';
const at = { namespace: "bookinfo", workload: "productpage-v1", pod: "productpage-v1-6f5cd-abcde" };

describe("an access line's route link", () => {
  it("asks the proxy's routes about the authority with its port and the path", () => {
    const entry = parseAccessLine(outbound);
    if (!entry) throw new Error("the outbound line did not parse");
    const url = new URL(routeHref(entry, at) ?? "", "http://console");
    expect(url.pathname).toBe("/namespaces/bookinfo/workloads/productpage-v1");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tab: "envoy",
      routeHost: "reviews:9080",
      routePath: "/reviews/0",
      pod: "productpage-v1-6f5cd-abcde",
    });
  });

  it("is absent for an inbound line: the proxy's routes did not send it there", () => {
    const entry = parseAccessLine(inbound);
    expect(entry?.direction).toBe("inbound");
    expect(entry && routeHref(entry, { ...at, workload: "reviews-v1" })).toBeUndefined();
  });
});
