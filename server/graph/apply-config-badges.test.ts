import { describe, expect, it } from "vitest";
import type { DestinationRule, VirtualService } from "@/lib/istio/types";
import { applyConfigBadges, hostNamesService } from "./apply-config-badges";
import { buildVersionedAppGraph } from "./build-versioned-app-graph";
import { clusterState, row } from "./test-support/rows";

const vs = (spec: VirtualService["spec"], namespace = "bookinfo"): VirtualService => ({
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "reviews", namespace },
  spec,
});
const dr = (spec: DestinationRule["spec"]): DestinationRule => ({
  apiVersion: "networking.istio.io/v1",
  kind: "DestinationRule",
  metadata: { name: "reviews", namespace: "bookinfo" },
  spec,
});

function badges(config: { virtualServices?: VirtualService[]; destinationRules?: DestinationRule[] }) {
  const map = applyConfigBadges(
    buildVersionedAppGraph([row("productpage-v1", "reviews-v1"), row("productpage-v1", "details-v1")], []),
    clusterState(config),
  );
  const flags = (app: string, version?: string) => {
    const d =
      [...map.nodes.values()].find(
        (n) => n.data.app === app && n.data.version === version && n.data.nodeType === (version ? "app" : "box"),
      )?.data ?? {};
    return Object.entries(d)
      .filter(([k, v]) => k.startsWith("has") && v === true)
      .map(([k]) => k)
      .sort();
  };
  return flags;
}

const split = {
  hosts: ["reviews"],
  http: [
    {
      route: [
        { destination: { host: "reviews", subset: "v1" }, weight: 50 },
        { destination: { host: "reviews", subset: "v3" }, weight: 50 },
      ],
    },
  ],
};

describe("badges from routing config", () => {
  it("marks the nodes reached through a service with a weighted VirtualService, and their app box", () => {
    const flags = badges({ virtualServices: [vs(split)] });
    expect(flags("reviews", "v1")).toEqual(["hasTrafficShifting", "hasVS"]);
    expect(flags("reviews")).toEqual(["hasTrafficShifting", "hasVS"]);
    expect(flags("details", "v1")).toEqual([]);
  });

  it("reads routing, faults, timeouts and mirroring from HTTP routes", () => {
    const flags = badges({
      virtualServices: [
        vs({
          hosts: ["reviews.bookinfo.svc.cluster.local"],
          http: [
            {
              match: [{ headers: { "end-user": { exact: "jason" } } }],
              fault: { abort: { httpStatus: 500, percentage: { value: 100 } } },
              timeout: "1s",
              mirror: { host: "reviews", subset: "v2" },
              route: [{ destination: { host: "reviews" } }],
            },
          ],
        }),
      ],
    });
    expect(flags("reviews", "v1")).toEqual([
      "hasFaultInjection",
      "hasMirroring",
      "hasRequestRouting",
      "hasRequestTimeout",
      "hasVS",
    ]);
  });

  it("does not call a single weighted destination traffic shifting, and reads TCP shifting", () => {
    expect(
      badges({
        virtualServices: [
          vs({ hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews" }, weight: 100 }] }] }),
        ],
      })("reviews", "v1"),
    ).toEqual(["hasVS"]);
    expect(
      badges({
        virtualServices: [
          vs({
            hosts: ["reviews"],
            tcp: [
              {
                route: [
                  { destination: { host: "reviews", subset: "v1" }, weight: 80 },
                  { destination: { host: "reviews", subset: "v2" }, weight: 20 },
                ],
              },
            ],
          }),
        ],
      })("reviews", "v1"),
    ).toEqual(["hasTCPTrafficShifting", "hasVS"]);
  });

  it("marks circuit breakers from a DestinationRule's connection pool or outlier detection, subsets included", () => {
    expect(
      badges({
        destinationRules: [
          dr({
            host: "reviews",
            subsets: [
              {
                name: "v1",
                labels: { version: "v1" },
                trafficPolicy: { outlierDetection: { consecutive5xxErrors: 1 } },
              },
            ],
          }),
        ],
      })("reviews", "v1"),
    ).toEqual(["hasCB"]);
    expect(
      badges({ destinationRules: [dr({ host: "reviews", subsets: [{ name: "v1", labels: { version: "v1" } }] })] })(
        "reviews",
        "v1",
      ),
    ).toEqual([]);
  });

  it("resolves short hosts in the config's own namespace only", () => {
    const reviews = { host: "reviews.bookinfo.svc.cluster.local", name: "reviews", namespace: "bookinfo" };
    expect(hostNamesService("reviews", "bookinfo", reviews)).toBe(true);
    expect(hostNamesService("reviews", "other", reviews)).toBe(false);
    expect(hostNamesService("reviews.bookinfo", "other", reviews)).toBe(true);
    expect(hostNamesService("*.bookinfo.svc.cluster.local", "other", reviews)).toBe(true);
  });
});

describe("gateway-bound VirtualServices", () => {
  it("do not badge every service through a wildcard host", () => {
    const gatewayVs = vs({
      hosts: ["*"],
      gateways: ["bookinfo-gateway"],
      http: [{ match: [{ uri: { exact: "/productpage" } }], route: [{ destination: { host: "productpage" } }] }],
    });
    expect(badges({ virtualServices: [gatewayVs] })("details", "v1")).toEqual([]);
  });
});
