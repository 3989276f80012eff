import { describe, expect, it } from "vitest";
import type { RouteConfig } from "@/lib/contracts/envoy";
import { productpageDump } from "./__fixtures__/load-fixture";
import { explainRoute } from "./explain-route";
import { summarizeConfigDump } from "./summarize-config-dump";

const summary = summarizeConfigDump("bookinfo", "productpage-v1", productpageDump());
const reviews = (subset: string) => `outbound|9080|${subset}|reviews.bookinfo.svc.cluster.local`;
const explain = (host: string, path = "/reviews/0", headers: Record<string, string> = {}) =>
  explainRoute(summary, { host, path, headers });

describe("why is this request going there", () => {
  it("sends jason's request to reviews v2 by the first rule of the reviews VirtualService", () => {
    const decision = explain("reviews:9080", "/reviews/0", { "end-user": "jason" });
    expect(decision.outcome).toBe("routed");
    expect(decision.routeConfig?.name).toBe("9080");
    expect(decision.virtualHost).toMatchObject({
      name: "reviews.bookinfo.svc.cluster.local:9080",
      matchedDomain: "reviews",
    });
    expect(decision.steps.map((s) => [s.index, s.matched])).toEqual([[0, true]]);
    expect(decision.destinations.map((d) => d.cluster)).toEqual([reviews("v2")]);
    expect(decision.destinations[0]?.details?.destinationRule?.name).toBe("reviews");
    expect(decision.summary).toContain("VirtualService bookinfo/reviews");
  });

  it("skips the jason rule for anyone else, saying why, and splits between v1 and v3", () => {
    const decision = explain("reviews.bookinfo.svc.cluster.local:9080", "/reviews/0", { "end-user": "bob" });
    expect(decision.steps.map((s) => s.matched)).toEqual([false, true]);
    expect(decision.steps[0]?.reasons.at(-1)).toBe('header end-user exactly "jason": it is "bob"');
    expect(decision.destinations).toMatchObject([
      { cluster: reviews("v1"), weight: 50 },
      { cluster: reviews("v3"), weight: 50 },
    ]);
    expect(decision.summary).toContain("splits it: 50% to");
  });

  it("says a request without the header lacks it", () => {
    expect(explain("reviews:9080").steps[0]?.reasons.at(-1)).toContain("the request has no header end-user");
  });

  it("sends an unknown host to the catch-all virtual host and PassthroughCluster", () => {
    const decision = explain("example.com:9080", "/");
    expect(decision.virtualHost).toMatchObject({ name: "allow_any", matchedDomain: "*" });
    expect(decision.virtualHost?.why).toContain("only through the catch-all");
    expect(decision.destinations.map((d) => d.cluster)).toEqual(["PassthroughCluster"]);
    expect(decision.summary).toContain("ALLOW_ANY");
  });

  it("finds the route configuration by the domain when the host has no port", () => {
    const decision = explain("ratings.bookinfo", "/ratings/0");
    expect(decision.routeConfig?.why).toContain("no port in the host");
    expect(decision.virtualHost?.name).toBe("ratings.bookinfo.svc.cluster.local:9080");
    expect(decision.steps[0]?.route.fault?.abort?.httpStatus).toBe(503);
  });

  it("says there is no HTTP route configuration for a port nobody serves", () => {
    const decision = explain("reviews:8080");
    expect(decision.outcome).toBe("no_route_config");
    expect(decision.summary).toContain("port 8080");
  });

  it("answers no_route_config for an unknown host without a port", () => {
    expect(explain("example.com").outcome).toBe("no_route_config");
  });

  describe("on a hand-made route configuration", () => {
    const route = (name: string, path: RouteConfig["virtualHosts"][number]["routes"][number]["match"]["path"]) => ({
      name,
      match: { path, caseSensitive: true, headers: [], queryParameters: [] },
      action: { kind: "cluster" as const, cluster: name },
      mirrors: [],
    });
    const configs: RouteConfig[] = [
      {
        name: "80",
        virtualHosts: [
          { name: "any", domains: ["*"], routes: [route("any", { kind: "prefix", value: "/" })] },
          { name: "prefix", domains: ["api.*"], routes: [route("prefix", { kind: "prefix", value: "/" })] },
          { name: "short", domains: ["*.com"], routes: [route("short", { kind: "prefix", value: "/" })] },
          { name: "long", domains: ["*.example.com"], routes: [route("long", { kind: "prefix", value: "/" })] },
          {
            name: "exact",
            domains: ["api.example.com"],
            routes: [
              route("exact-path", { kind: "path", value: "/productpage" }),
              route("regex", { kind: "regex", value: "/api/v[0-9]+/products" }),
              route("separated", { kind: "path_separated_prefix", value: "/static" }),
            ],
          },
        ],
      },
    ];
    const pick = (host: string, path = "/") =>
      explainRoute({ routeConfigs: configs, clusters: [] }, { host, path, headers: {} });

    it("prefers an exact domain, then the longest suffix wildcard, then a prefix wildcard, then *", () => {
      expect(pick("API.example.com:80").virtualHost?.name).toBe("exact");
      expect(pick("www.example.com:80").virtualHost?.name).toBe("long");
      expect(pick("example.com:80").virtualHost?.name).toBe("short");
      expect(pick("api.internal:80").virtualHost?.name).toBe("prefix");
      expect(pick("localhost:80").virtualHost?.name).toBe("any");
    });

    it("matches exact paths without the query string, whole-path regexes and separated prefixes", () => {
      expect(pick("api.example.com:80", "/productpage?u=normal").steps.at(-1)?.route.name).toBe("exact-path");
      expect(pick("api.example.com:80", "/api/v1/products").steps.at(-1)?.route.name).toBe("regex");
      expect(pick("api.example.com:80", "/api/v1/products/1").steps.at(-1)?.route.name).toBe("separated");
      const missed = pick("api.example.com:80", "/staticfiles");
      expect(missed.outcome).toBe("no_route");
      expect(missed.summary).toContain("404");
      expect(missed.steps.map((s) => s.reasons[0])).toEqual([
        "path is not exactly /productpage",
        "path does not match the regex /api/v[0-9]+/products",
        "path is not /static or below it",
      ]);
    });
  });
});
