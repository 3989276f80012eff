import { describe, expect, it } from "vitest";
import { bookinfoGraph } from "./__fixtures__/bookinfo-graph";
import { aggregateBoxTraffic } from "./box-traffic";
import { toViewGraph } from "./view-model";

const graph = toViewGraph(bookinfoGraph);
const box = (id: string) => graph.nodeById.get(id)!;

describe("an app box's traffic, one row per peer", () => {
  it("lists productpage once as reviews' caller, with the summed rate and the error share over the sum", () => {
    const { inbound } = aggregateBoxTraffic(box("rv-box"), graph);
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({ peerId: "pp-v1", protocol: "http", rate: 10 });
    // 0.25 of v2's 5 rps failed, none of v1's: 0.25 of 10 rps.
    expect(inbound[0]!.errorPct).toBeCloseTo(2.5);
  });

  it("splits the caller's traffic per version", () => {
    const [caller] = aggregateBoxTraffic(box("rv-box"), graph).inbound;
    expect(caller!.versions.map((v) => [v.nodeId, v.rate, v.sharePct, v.errorPct])).toEqual([
      ["rv-v1", 5, 50, 0],
      ["rv-v2", 5, 50, 5],
    ]);
  });

  it("lists what the app calls out, from the versions that call it", () => {
    const { outbound } = aggregateBoxTraffic(box("rv-box"), graph);
    expect(outbound).toEqual([
      {
        peerId: "rt-v1",
        protocol: "http",
        rate: 5,
        errorPct: 0,
        versions: [{ nodeId: "rv-v2", edgeId: "e-rv2-rt", rate: 5, errorPct: 0, sharePct: 100 }],
      },
    ]);
  });

  it("weights the error share by rate when versions carry unequal traffic", () => {
    const skewed = toViewGraph({
      ...bookinfoGraph,
      elements: {
        ...bookinfoGraph.elements,
        edges: bookinfoGraph.elements.edges.map((e) =>
          e.data.id === "e-pp-rv1"
            ? { data: { ...e.data, traffic: { ...e.data.traffic, rates: { http: "15.00", httpPercentErr: "0.0" } } } }
            : e,
        ),
      },
    });
    const [caller] = aggregateBoxTraffic(skewed.nodeById.get("rv-box")!, skewed).inbound;
    expect(caller!.rate).toBe(20);
    // 0.25 errors/s over 20 rps.
    expect(caller!.errorPct).toBeCloseTo(1.25);
    expect(caller!.versions.map((v) => v.sharePct)).toEqual([75, 25]);
  });
});
