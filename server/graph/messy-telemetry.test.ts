import { describe, expect, it } from "vitest";
import { graphResponseSchema, type GraphNodeData, type GraphResponse } from "@/lib/contracts/graph";
import type { PromSample } from "@/server/adapters/prometheus";
import { buildGraph } from "./build-graph";
import { expectGolden } from "./__golden__/expect-golden";
import { isIpAddress } from "./messy-telemetry";
import { answeringSources, http200, peerLabels, sample, serviceLabels } from "./test-support/answers";
import { workload } from "./test-support/rows";

/** Hand-written source-reported answers of namespace shop's client proxies, one rule at a time. */
async function shopGraph(samples: PromSample[], graphType: "workload" | "versionedApp" = "workload") {
  const sources = answeringSources(
    [{ metric: "istio_requests_total", reporter: "source", namespace: "shop", samples }],
    {
      workloads: [workload("istio-egressgateway", { namespace: "istio-system", labels: { istio: "egressgateway" } })],
    },
  );
  const graph = await buildGraph(
    { namespaces: ["shop"], graphType, duration: 60, idleNodes: false, responseTime: "95", queryTime: 1_800_000_000 },
    sources,
  );
  expect(graphResponseSchema.parse(graph)).toEqual(graph);
  return graph;
}

const node = (graph: GraphResponse, match: (d: GraphNodeData) => boolean) =>
  graph.elements.nodes.find((n) => match(n.data))?.data;
const outOf = (graph: GraphResponse, workloadName: string) =>
  node(graph, (d) => d.workload === workloadName)?.traffic?.[0]?.rates;

/** A sample of web-v1 to a destination no workload answered, through `service` labels. */
const toNoWorkload = (service: Record<string, string>, value: number, more: Record<string, string> = {}) => ({
  labels: {
    ...peerLabels("source", "shop/web-v1"),
    ...peerLabels("destination", "unknown"),
    ...service,
    ...http200,
    ...more,
  },
  value,
});

describe("Kiali's rules for messy telemetry, on hand-written answers", () => {
  it("drops a bare-IP destination service with no workload as bad telemetry: no node, no share of the source's rates", async () => {
    const graph = await shopGraph([
      sample("shop/web-v1", "shop/api-v1", 5, http200),
      toNoWorkload(
        {
          destination_service: "10.96.0.7",
          destination_service_name: "10.96.0.7",
          destination_service_namespace: "unknown",
        },
        5,
      ),
      toNoWorkload(
        {
          destination_service: "fd00::7",
          destination_service_name: "fd00::7",
          destination_service_namespace: "unknown",
        },
        5,
      ),
    ]);
    expectGolden("hand-messy-bad-dest.json", graph);
    expect(graph.elements.nodes.some((n) => n.data.service !== undefined && isIpAddress(n.data.service))).toBe(false);
    expect(outOf(graph, "web-v1")).toEqual({ httpOut: "5.00" });
    expect(graph.elements.edges.map((e) => e.data.traffic.rates.httpPercentReq)).toEqual(["100.0"]);
  });

  it("continues a call to istio-egressgateway to the egress gateway's node, not a dead-end service", async () => {
    const graph = await shopGraph([toNoWorkload(serviceLabels("istio-system/istio-egressgateway"), 3)]);
    expectGolden("hand-messy-egress-gateway.json", graph);
    const gateway = node(graph, (d) => d.workload === "istio-egressgateway");
    expect(gateway).toMatchObject({
      nodeType: "workload",
      namespace: "istio-system",
      isGateway: true,
      isOutside: true,
    });
    expect(graph.elements.nodes.some((n) => n.data.nodeType === "service")).toBe(false);
    expect(graph.elements.edges[0]?.data.target).toBe(gateway?.id);
  });

  it("takes the source's cluster where the destination's is unknown", async () => {
    const east = (s: PromSample): PromSample => ({
      labels: { ...s.labels, source_cluster: "east", destination_cluster: "unknown" },
      value: s.value,
    });
    const graph = await shopGraph([east(sample("shop/web-v1", "shop/api-v1", 5, http200))]);
    expectGolden("hand-messy-dest-cluster.json", graph);
    expect(node(graph, (d) => d.workload === "api-v1")?.cluster).toBe("east");
  });

  it("keeps a source with a known namespace but no workload apart from the unknown node, which names workload, app and version unknown", async () => {
    const noWorkload = (namespace: string): Record<string, string> => ({
      ...peerLabels("source", "unknown"),
      source_workload_namespace: namespace,
    });
    const graph = await shopGraph([
      { labels: { ...sample("shop/web-v1", "shop/api-v1", 2, http200).labels, ...noWorkload("shop") }, value: 2 },
      { labels: { ...sample("shop/web-v1", "shop/api-v1", 3, http200).labels, ...noWorkload("unknown") }, value: 3 },
    ]);
    // The answer is the shop namespace's: a source in "unknown" reaches it through the destination's queries in a
    // real mesh; here both are written into one answer so the two sources meet on one graph.
    expectGolden("hand-messy-unknown-source.json", graph);
    const unknowns = graph.elements.nodes.filter((n) => n.data.nodeType === "unknown").map((n) => n.data);
    expect(unknowns.map((d) => [d.namespace, d.workload, d.app, d.version]).sort()).toEqual([
      ["shop", "unknown", "unknown", "unknown"],
      ["unknown", "unknown", "unknown", "unknown"],
    ]);
    expect(unknowns.map((d) => d.traffic?.[0]?.rates.httpOut).sort()).toEqual(["2.00", "3.00"]);
  });
});
