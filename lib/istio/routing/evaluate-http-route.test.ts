import { describe, expect, it } from "vitest";
import { buildSnapshot } from "./build-snapshot";
import { evaluateHttpRoute, type HttpRouteEvaluation, type RoutedEvaluation } from "./evaluate-http-route";
import { acceptingServers, gatewaysAccepting } from "./gateway-servers";
import { bookinfoInput } from "./test-support/bookinfo-objects";
import { JASON_V2_SPLIT_AND_DELAY, bookinfoVirtualService } from "./test-support/bookinfo-samples";
import type { HttpRequest, SourceContext } from "./types";

const PRODUCTPAGE: SourceContext = {
  namespace: "bookinfo",
  labels: { app: "productpage", version: "v1" },
  gateways: ["mesh"],
};
const REVIEWS = "reviews.bookinfo.svc.cluster.local";
const request = (host: string, headers: Record<string, string> = {}, path = "/"): HttpRequest => ({
  host,
  port: 9080,
  method: "GET",
  path,
  headers,
});

function routed(evaluation: HttpRouteEvaluation): RoutedEvaluation {
  if (evaluation.kind !== "route") throw new Error(`expected a route, got ${evaluation.kind}`);
  return evaluation;
}

describe("evaluating a request against the guides' routing (jason → v2, 50/50 otherwise)", () => {
  const snapshot = buildSnapshot(bookinfoInput(JASON_V2_SPLIT_AND_DELAY), 1);

  it("sends jason to v2 with the header rule, saying which condition matched", () => {
    const evaluation = routed(evaluateHttpRoute(snapshot, PRODUCTPAGE, request(REVIEWS, { "end-user": "jason" })));
    expect(evaluation.virtualService?.name).toBe("reviews");
    expect(evaluation.rules).toEqual([
      expect.objectContaining({ index: 0, matched: true, reasons: ['header end-user: exact "jason"'] }),
    ]);
    expect(evaluation.destinations).toEqual([{ destination: { host: REVIEWS, subset: "v2" }, probability: 1 }]);
  });

  it("sends anyone else to the catch-all at 50/50, and says rule 0 wanted jason", () => {
    const evaluation = routed(evaluateHttpRoute(snapshot, PRODUCTPAGE, request(REVIEWS, { "end-user": "mike" })));
    expect(evaluation.rules.map((r) => [r.index, r.matched, r.reasons])).toEqual([
      [0, false, ['header end-user: exact "jason" — the request\'s end-user is "mike"']],
      [1, true, ["no match conditions: matches every request"]],
    ]);
    expect(evaluation.destinations.map((d) => [d.destination.subset, d.probability])).toEqual([
      ["v1", 0.5],
      ["v3", 0.5],
    ]);
    expect(evaluation.retryIsDefault).toBe(true);
  });

  it("names the missing header when the request has none", () => {
    const evaluation = evaluateHttpRoute(snapshot, PRODUCTPAGE, request(REVIEWS));
    expect(evaluation.rules[0]?.reasons).toEqual([
      'header end-user: exact "jason" — the request has no end-user header',
    ]);
  });

  it("gives the delay for jason on ratings at 100 %", () => {
    const ratings = "ratings.bookinfo.svc.cluster.local";
    const evaluation = routed(evaluateHttpRoute(snapshot, PRODUCTPAGE, request(ratings, { "end-user": "jason" })));
    expect(evaluation.fault).toEqual({ delay: { ms: 7000, percent: 100 } });
    expect(routed(evaluateHttpRoute(snapshot, PRODUCTPAGE, request(ratings))).fault).toEqual({});
  });

  it("takes Istio's default route for a host without a VirtualService", () => {
    const details = "details.bookinfo.svc.cluster.local";
    const evaluation = routed(evaluateHttpRoute(snapshot, PRODUCTPAGE, request(details)));
    expect(evaluation).toMatchObject({ routeName: "default", rules: [], retryIsDefault: true });
    expect(evaluation.virtualService).toBeUndefined();
    expect(evaluation.destinations).toEqual([{ destination: { host: details }, probability: 1 }]);
  });
});

describe("why a rule does not match", () => {
  it("gives one reason per match block, each naming every condition the block fails", () => {
    const snapshot = buildSnapshot(
      bookinfoInput(
        bookinfoVirtualService(
          "reviews",
          `    - match:
        - { uri: { prefix: /api }, method: { exact: POST } }
        - { queryParams: { user: { regex: "j.*" } }, sourceLabels: { app: reviews } }
      route: [{ destination: { host: reviews, subset: v2 } }]`,
        ),
      ),
      1,
    );
    const evaluation = evaluateHttpRoute(snapshot, PRODUCTPAGE, request(REVIEWS, {}, "/reviews/0?user=mike"));
    expect(evaluation.kind).toBe("noRoute");
    expect(evaluation.rules[0]?.reasons).toEqual([
      'match 0: uri: prefix "/api" — the path is "/reviews/0"; method: exact "POST" — the method is GET',
      'match 1: query user: regex "j.*" — the request\'s user is "mike"; ' +
        "sourceLabels: app=reviews — the caller's labels are app=productpage, version=v1",
    ]);
  });

  it("reads regexes as RE2 matching the whole value", () => {
    const snapshot = buildSnapshot(
      bookinfoInput(
        bookinfoVirtualService(
          "reviews",
          `    - match: [{ headers: { end-user: { regex: "jas" } } }]
      route: [{ destination: { host: reviews, subset: v2 } }]
    - route: [{ destination: { host: reviews, subset: v1 } }]`,
        ),
      ),
      1,
    );
    const partial = evaluateHttpRoute(snapshot, PRODUCTPAGE, request(REVIEWS, { "end-user": "jason" }));
    expect(partial.rules.map((r) => r.matched)).toEqual([false, true]);
  });

  it("stops at a direct response, and names a weight-0 destination's share as 0", () => {
    const snapshot = buildSnapshot(
      bookinfoInput(
        bookinfoVirtualService(
          "reviews",
          `    - match: [{ uri: { exact: /gone } }]
      directResponse: { status: 410 }
    - route:
        - { destination: { host: reviews, subset: v1 }, weight: 100 }
        - { destination: { host: reviews, subset: v3 }, weight: 0 }`,
        ),
      ),
      1,
    );
    expect(evaluateHttpRoute(snapshot, PRODUCTPAGE, request(REVIEWS, {}, "/gone"))).toMatchObject({
      kind: "directResponse",
      status: 410,
    });
    const split = routed(evaluateHttpRoute(snapshot, PRODUCTPAGE, request(REVIEWS)));
    expect(split.destinations.map((d) => d.probability)).toEqual([1, 0]);
  });
});

describe("the Gateway server that accepts a request at the ingress gateway", () => {
  const snapshot = buildSnapshot(bookinfoInput(), 1);
  const gateway = snapshot.pods.find((p) => p.isGateway);

  it("is bookinfo-gateway's server 0 for any host on port 8080, and none on another port", () => {
    if (!gateway) throw new Error("no gateway pod");
    expect(acceptingServers(snapshot, gateway, 8080, "bookinfo.example.com").map((s) => [s.gateway, s.index])).toEqual([
      ["bookinfo/bookinfo-gateway", 0],
    ]);
    expect(gatewaysAccepting(snapshot, gateway, 8443, "bookinfo.example.com")).toEqual([]);
  });
});
