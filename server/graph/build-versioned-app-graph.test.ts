import { describe, expect, it } from "vitest";
import { buildVersionedAppGraph } from "./build-versioned-app-graph";
import { buildTrafficMap, endpointsFor } from "./build-traffic-map";
import { buildServiceGraph } from "./build-service-graph";
import { row } from "./test-support/rows";

const bookinfo = [
  row("istio-ingressgateway", "productpage-v1", { sourceNs: "istio-system", rate: 10 }),
  row("productpage-v1", "details-v1", { rate: 10 }),
  row("productpage-v1", "reviews-v1", { rate: 3 }),
  row("productpage-v1", "reviews-v2", { rate: 3 }),
  row("productpage-v1", "reviews-v3", { rate: 4 }),
  row("reviews-v2", "ratings-v1", { rate: 3 }),
  row("reviews-v3", "ratings-v1", { rate: 4 }),
];

const label = (d: { nodeType: string; app?: string; version?: string; workload?: string; service?: string }) =>
  d.nodeType === "service"
    ? `svc:${d.service}`
    : d.nodeType === "workload"
      ? `wl:${d.workload}`
      : d.nodeType === "unknown"
        ? "unknown"
        : [d.app, d.version].filter(Boolean).join(" ");

function edgesOf(map: ReturnType<typeof buildVersionedAppGraph>) {
  return [...map.edges.values()]
    .map((e) => `${label(map.nodes.get(e.source)!.data)} → ${label(map.nodes.get(e.target)!.data)}`)
    .sort();
}

describe("versionedApp graph", () => {
  it("draws one node per app version and one edge per caller → callee", () => {
    expect(edgesOf(buildVersionedAppGraph(bookinfo, []))).toEqual([
      "istio-ingressgateway latest → productpage v1",
      "productpage v1 → details v1",
      "productpage v1 → reviews v1",
      "productpage v1 → reviews v2",
      "productpage v1 → reviews v3",
      "reviews v2 → ratings v1",
      "reviews v3 → ratings v1",
    ]);
  });

  it("puts the versions of an app in one app box", () => {
    const map = buildVersionedAppGraph(bookinfo, []);
    const box = [...map.nodes.values()].find((n) => n.data.nodeType === "box" && n.data.app === "reviews")!.data;
    expect(box.isBox).toBe("app");
    const members = [...map.nodes.values()].filter((n) => n.data.parent === box.id).map((n) => n.data.version);
    expect(members.sort()).toEqual(["v1", "v2", "v3"]);
  });

  it("keeps the same ids when the graph is rebuilt from new numbers", () => {
    const ids = (rates: number) =>
      [
        ...buildVersionedAppGraph(
          bookinfo.map((r) => ({ ...r, rate: rates })),
          [],
        ).nodes.keys(),
      ].sort();
    expect(ids(1)).toEqual(ids(7));
  });

  it("draws an unknown caller as the unknown node and a request that reached no pod as a service node", () => {
    const map = buildVersionedAppGraph(
      [
        row("unknown", "productpage-v1"),
        row("productpage-v1", "unknown", { reporter: "source", service: "reviews", code: "503", flags: "UH" }),
      ],
      [],
    );
    expect(edgesOf(map)).toEqual(["productpage v1 → svc:reviews", "unknown → productpage v1"]);
  });

  it("merges versions in the app graph and keeps workloads apart in the workload graph", () => {
    const app = buildTrafficMap(bookinfo, [], endpointsFor("app"));
    expect(edgesOf(app)).toContain("productpage → reviews");
    expect(edgesOf(app).filter((e) => e.startsWith("productpage → reviews"))).toHaveLength(1);
    expect(edgesOf(buildTrafficMap(bookinfo, [], endpointsFor("workload")))).toContain("wl:reviews-v3 → wl:ratings-v1");
  });

  it("draws service → service in the service graph, the gateway as the root workload", () => {
    expect(edgesOf(buildServiceGraph(bookinfo, []))).toEqual([
      "svc:productpage → svc:details",
      "svc:productpage → svc:reviews",
      "svc:reviews → svc:ratings",
      "wl:istio-ingressgateway → svc:productpage",
    ]);
  });
});
