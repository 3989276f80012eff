import { describe, expect, it } from "vitest";
import { snapshotWith, sequence } from "../test-support/snapshot-fixture";
import { routeHttp } from "@/lib/istio/routing/route-http";
import { bookinfoVirtualService } from "@/lib/istio/routing/test-support/bookinfo-samples";
import type { HttpRequest, RoutedDecision, SourceContext } from "@/lib/istio/routing/types";

const REVIEWS = "reviews.bookinfo.svc.cluster.local";
const productpage: SourceContext = {
  namespace: "bookinfo",
  labels: { app: "productpage", version: "v1" },
  gateways: ["mesh"],
};
const get = (headers: Record<string, string> = {}, path = "/reviews/0", method = "GET"): HttpRequest => ({
  host: REVIEWS,
  port: 9080,
  method,
  path,
  headers,
});
const half = () => 0.5;

function routed(decision: ReturnType<typeof routeHttp>): RoutedDecision {
  if (decision.kind !== "route") throw new Error(`expected a route, got ${decision.kind}`);
  return decision;
}

describe("routeHttp without a VirtualService", () => {
  const snapshot = snapshotWith();
  it("routes to the host itself with Istio's default retries and no timeout or fault", () => {
    const d = routed(routeHttp(snapshot, productpage, get(), half));
    expect(d.destination).toEqual({ host: REVIEWS });
    expect(d.timeoutMs).toBeUndefined();
    expect(d.fault).toEqual({});
    expect(d.retry.attempts).toBe(2);
    expect([...d.retry.retryOn].sort()).toEqual(["cancelled", "connect-failure", "refused-stream", "unavailable"]);
  });
});

describe("routeHttp matching", () => {
  const snapshot = snapshotWith(
    bookinfoVirtualService(
      "reviews",
      `  - name: jason-on-api
    match:
    - headers: { end-user: { exact: jason } }
      uri: { prefix: /api }
    route: [{ destination: { host: reviews, subset: v3 } }]
  - name: or-blocks
    match:
    - headers: { end-user: { prefix: test- } }
    - uri: { regex: "/r[a-z]+/[0-9]+" }
      method: { exact: POST }
    route: [{ destination: { host: reviews, subset: v2 } }]
  - name: presence
    match:
    - headers: { x-canary: {} }
    route: [{ destination: { host: reviews, subset: v3 } }]
  - name: without
    match:
    - uri: { exact: /reviews/0 }
      withoutHeaders: { cookie: { regex: ".*session.*" } }
    route: [{ destination: { host: reviews, subset: v1 } }]
`,
    ),
  );
  const subsetFor = (request: HttpRequest) => {
    const d = routeHttp(snapshot, productpage, request, half);
    return d.kind === "route" ? d.destination.subset : d.kind;
  };

  it("ANDs the conditions of one block", () => {
    expect(subsetFor(get({ "end-user": "jason" }, "/api/v1/reviews"))).toBe("v3");
    expect(subsetFor(get({ "end-user": "jason" }, "/reviews/0"))).toBe("v1");
  });

  it("ORs match blocks", () => {
    expect(subsetFor(get({ "end-user": "test-42" }, "/x"))).toBe("v2");
    expect(subsetFor(get({}, "/reviews/7", "POST"))).toBe("v2");
    expect(subsetFor(get({}, "/reviews/7", "GET"))).toBe("noRoute");
  });

  it("treats a regex as a full match", () => {
    expect(subsetFor(get({}, "/reviews/7x", "POST"))).toBe("noRoute");
  });

  it("matches a header written as {} on presence alone", () => {
    expect(subsetFor(get({ "x-canary": "" }, "/zzz"))).toBe("v3");
  });

  it("honours withoutHeaders", () => {
    expect(subsetFor(get({ cookie: "a=1" }))).toBe("v1");
    expect(subsetFor(get({ cookie: "my-session=1" }))).toBe("noRoute");
  });

  it("takes the first rule that matches", () => {
    expect(subsetFor(get({ "end-user": "jason", "x-canary": "1" }, "/api/x"))).toBe("v3");
    expect(subsetFor(get({ "end-user": "test-jason", "x-canary": "1" }, "/api/x"))).toBe("v2");
  });

  it("answers a request no rule matches with noRoute (404 NR), adding no default route", () => {
    expect(routeHttp(snapshot, productpage, get({}, "/other"), half)).toEqual({
      kind: "noRoute",
      virtualService: "bookinfo/reviews",
    });
  });
});

describe("routeHttp weights", () => {
  const snapshot = snapshotWith(
    bookinfoVirtualService(
      "reviews",
      `  - route:
    - { destination: { host: reviews, subset: v1 }, weight: 75 }
    - { destination: { host: reviews, subset: v2 }, weight: 0 }
    - { destination: { host: reviews, subset: v3 }, weight: 25 }
`,
    ),
  );
  it("gives each destination weight/sum, and weight 0 nothing", () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 1000; i++) {
      const d = routed(routeHttp(snapshot, productpage, get(), () => (i + 0.5) / 1000));
      counts[d.destination.subset ?? ""] = (counts[d.destination.subset ?? ""] ?? 0) + 1;
    }
    expect(counts).toEqual({ v1: 750, v3: 250 });
  });

  it("sends everything to a lone destination without a weight", () => {
    const lone = snapshotWith(
      bookinfoVirtualService("reviews", `  - route: [{ destination: { host: reviews, subset: v2 } }]\n`),
    );
    for (const r of [0, 0.5, 0.999])
      expect(routed(routeHttp(lone, productpage, get(), () => r)).destination.subset).toBe("v2");
  });
});

describe("routeHttp faults, timeouts, retries and mirrors", () => {
  const snapshot = snapshotWith(
    bookinfoVirtualService(
      "reviews",
      `  - match: [{ headers: { end-user: { exact: jason } } }]
    fault:
      delay: { fixedDelay: 7s, percentage: { value: 50 } }
      abort: { httpStatus: 503, percentage: { value: 10 } }
    route: [{ destination: { host: reviews, subset: v2 } }]
  - match: [{ headers: { end-user: { exact: nopercent } } }]
    fault:
      abort: { httpStatus: 500 }
    route: [{ destination: { host: reviews, subset: v2 } }]
  - match: [{ headers: { end-user: { exact: timeout } } }]
    timeout: 1.5s
    retries: { attempts: 3, perTryTimeout: 500ms, retryOn: "5xx,503" }
    route: [{ destination: { host: reviews, subset: v2 } }]
  - match: [{ headers: { end-user: { exact: noretry } } }]
    retries: { attempts: 0 }
    route: [{ destination: { host: reviews, subset: v2 } }]
  - match: [{ headers: { end-user: { exact: mirror } } }]
    route: [{ destination: { host: reviews, subset: v1 } }]
    mirror: { host: reviews, subset: v2 }
  - route: [{ destination: { host: reviews, subset: v1 } }]
    mirror: { host: reviews, subset: v3 }
    mirrorPercentage: { value: 20 }
`,
    ),
  );
  const as = (user: string, random: () => number) =>
    routed(routeHttp(snapshot, productpage, get({ "end-user": user }), random));

  it("draws delay and abort against their percentages", () => {
    expect(as("jason", sequence(0.4, 0.05)).fault).toEqual({ delayMs: 7000, abortStatus: 503 });
    expect(as("jason", sequence(0.6, 0.5)).fault).toEqual({});
  });

  it("injects nothing when a fault has no percentage", () => {
    expect(as("nopercent", () => 0).fault).toEqual({});
  });

  it("reads the timeout and the retry policy", () => {
    const d = as("timeout", half);
    expect(d.timeoutMs).toBe(1500);
    expect(d.retry.attempts).toBe(3);
    expect(d.retry.perTryTimeoutMs).toBe(500);
    expect(d.retry.retryOn.has("5xx")).toBe(true);
    expect(d.retry.retriableStatusCodes.has(503)).toBe(true);
    expect(as("noretry", half).retry.attempts).toBe(0);
  });

  it("mirrors every request when no mirrorPercentage is given, and that share otherwise", () => {
    expect(as("mirror", () => 0.99).mirrors).toEqual([{ host: REVIEWS, subset: "v2" }]);
    expect(as("anyone", () => 0.1).mirrors).toEqual([{ host: REVIEWS, subset: "v3" }]);
    expect(as("anyone", () => 0.3).mirrors).toEqual([]);
  });
});

describe("routeHttp at the ingress gateway", () => {
  const snapshot = snapshotWith();
  const gateway: SourceContext = {
    namespace: "istio-system",
    labels: { istio: "ingressgateway" },
    gateways: ["bookinfo/bookinfo-gateway"],
  };
  const at = (path: string) =>
    routeHttp(snapshot, gateway, { host: "localhost", port: 8080, method: "GET", path, headers: {} }, half);

  it("sends /productpage and /static/* to productpage through the VS bound to bookinfo-gateway", () => {
    expect(routed(at("/productpage")).destination).toEqual({
      host: "productpage.bookinfo.svc.cluster.local",
      port: 9080,
    });
    expect(routed(at("/static/css/x.css")).destination.host).toBe("productpage.bookinfo.svc.cluster.local");
  });

  it("answers other paths with noRoute", () => {
    expect(at("/admin").kind).toBe("noRoute");
  });

  it("does not apply gateway-bound VirtualServices to sidecars", () => {
    const d = routed(
      routeHttp(
        snapshot,
        productpage,
        { host: "localhost", port: 80, method: "GET", path: "/productpage", headers: {} },
        half,
      ),
    );
    expect(d.virtualService).toBeUndefined();
  });
});
