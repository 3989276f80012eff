import { describe, expect, it } from "vitest";
import { bookinfoGraph } from "./__fixtures__/bookinfo-graph";
import { edgeHealth, formatBytesPerSecond, formatDurationMs, formatEdgeLabel, formatRate } from "./edge-labels";
import { toViewGraph } from "./view-model";

const graph = toViewGraph(bookinfoGraph);
const edge = (id: string) => graph.edges.find((e) => e.id === id)!;

describe("edge labels", () => {
  it("shows nothing in mode none", () => {
    expect(formatEdgeLabel(edge("e-gw-pp"), "none")).toBe("");
  });

  it("shows the request rate, and the error share when there are errors", () => {
    expect(formatEdgeLabel(edge("e-gw-pp"), "requestRate")).toBe("10.00 rps");
    expect(formatEdgeLabel(edge("e-pp-rv2"), "requestRate")).toBe("5.00 rps · 5.0% err");
  });

  it("shows TCP rates as bytes per second", () => {
    expect(formatEdgeLabel(edge("e-rt-db"), "requestRate")).toBe("2.0 KiB/s");
    expect(formatEdgeLabel(edge("e-rt-db"), "throughput")).toBe("2.0 KiB/s");
  });

  it("shows the traffic share of the source", () => {
    expect(formatEdgeLabel(edge("e-pp-rv1"), "trafficPercent")).toBe("50.0%");
  });

  it("shows the response time, and nothing for an edge without one", () => {
    expect(formatEdgeLabel(edge("e-gw-pp"), "responseTime")).toBe("42 ms");
    expect(formatEdgeLabel(edge("e-rv2-rt"), "responseTime")).toBe("3.2 ms");
    expect(formatEdgeLabel(edge("e-rt-db"), "responseTime")).toBe("");
  });

  it("shows HTTP throughput, and nothing when the API gave none", () => {
    expect(formatEdgeLabel(edge("e-gw-pp"), "throughput")).toBe("1.5 KiB/s");
    expect(formatEdgeLabel(edge("e-pp-rv1"), "throughput")).toBe("");
  });

  it("formats figures at a readable precision", () => {
    expect(formatRate(0)).toBe("0");
    expect(formatRate(0.004)).toBe("<0.01");
    expect(formatRate(123.456)).toBe("123");
    expect(formatDurationMs(1234)).toBe("1.23 s");
    expect(formatBytesPerSecond(512)).toBe("512 B/s");
    expect(formatBytesPerSecond(5 * 1024 * 1024)).toBe("5.0 MiB/s");
  });
});

describe("edge health", () => {
  it("is red (failure) from 10% errors, orange (degraded) below, healthy without errors", () => {
    expect(edgeHealth({ errorPct: 10 })).toBe("failure");
    expect(edgeHealth({ errorPct: 9.99 })).toBe("degraded");
    expect(edgeHealth({ errorPct: 0.01 })).toBe("degraded");
    expect(edgeHealth({ errorPct: 0 })).toBe("healthy");
  });
});
