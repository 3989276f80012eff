import { describe, expect, it } from "vitest";
import { bookinfoGraph } from "@/lib/graph-view/__fixtures__/bookinfo-graph";
import { toViewGraph } from "@/lib/graph-view/view-model";
import { edgeClasses, edgeData, nodeClasses, nodeData } from "./cy-elements";
import { healthRows } from "./graph-styles";
import { nodeMenuItems } from "./node-menu-items";

const graph = toViewGraph(bookinfoGraph);
const node = (id: string) => graph.nodeById.get(id)!;
const edge = (id: string) => graph.edges.find((e) => e.id === id)!;

describe("canvas elements", () => {
  it("tells each health state apart without colour: its own border style, or glyph where Cytoscape's four styles run out", () => {
    const styles = new Set(Object.values(healthRows).map((r) => `${r.border}|${r.glyph}`));
    expect(styles.size).toBe(Object.keys(healthRows).length);
    expect(nodeData(node("rt-v1"))).toMatchObject({ healthColour: healthRows.failure.colour, borderStyle: "double" });
    expect(nodeData(node("rv-v2"))).toMatchObject({ borderStyle: "dashed" });
  });

  it("draws badges and health glyphs as an SVG image, and nothing for a quiet healthy node", () => {
    expect(nodeData(node("pp-v1")).image).toBeUndefined();
    const image = decodeURIComponent(nodeData(node("rv-v2")).image!);
    expect(image).toMatch(/^data:image\/svg\+xml/);
    expect(image).toContain(">VS<");
    expect(image).toContain(">%<");
    expect(decodeURIComponent(nodeData(node("rt-v1")).image!)).toContain(">⊘<");
  });

  it("shapes nodes by kind, gateways apart", () => {
    expect(nodeData(node("gw")).shape).toBe("round-tag");
    expect(nodeData(node("db")).shape).toBe("triangle");
    expect(nodeData(node("pp-v1")).shape).toBe("round-rectangle");
    expect(nodeClasses(node("pp-box"))).toContain("box");
  });

  it("labels edges in the chosen mode and colours errors", () => {
    expect(edgeData(edge("e-gw-pp"), "responseTime", "#000")).toMatchObject({ label: "42 ms", colour: "#000" });
    expect(edgeData(edge("e-pp-rv2"), "requestRate", "#000").colour).toBe(healthRows.degraded.colour);
    expect(edgeClasses(edge("e-pp-rv2"))).toEqual(["traffic"]);
  });

  describe("the Security display", () => {
    const partial = { ...edge("e-pp-rv1"), mtlsPct: 62.5 };

    it("marks nothing while it is off, as Kiali draws by default", () => {
      expect(edgeClasses(edge("e-gw-pp"))).toEqual(["traffic"]);
      expect(edgeClasses(partial)).toEqual(["traffic"]);
      expect(edgeData(edge("e-gw-pp"), "none", "#000").label).toBe("");
    });

    it("gives full mTLS a lock and partial mTLS its own marker, even without edge labels", () => {
      expect(edgeClasses(edge("e-gw-pp"), true)).toEqual(["mtls", "traffic"]);
      expect(edgeData(edge("e-gw-pp"), "none", "#000", true).label).toBe("🔒");
      expect(edgeData(edge("e-gw-pp"), "responseTime", "#000", true).label).toBe("🔒 42 ms");
      expect(edgeClasses(partial, true)).toEqual(["mtls-partial", "traffic"]);
      expect(edgeData(partial, "none", "#000", true).label).toBe("🔒 partial");
    });

    it("leaves plaintext edges, and edges the graph says nothing about, unmarked", () => {
      // ratings → mysqldb: isMTLS "0.0"; productpage → reviews v2: no isMTLS at all.
      expect(edgeClasses(edge("e-rt-db"), true)).toEqual(["traffic"]);
      expect(edgeData(edge("e-rt-db"), "none", "#000", true).label).toBe("");
      expect(edgeClasses(edge("e-pp-rv2"), true)).toEqual(["traffic"]);
      expect(edgeData(edge("e-pp-rv2"), "requestRate", "#000", true).label).toBe("5.00 rps · 5.0% err");
    });
  });
});

describe("the node menu", () => {
  // Other features (wizards, experiments) append their rows; these two belong to the graph.
  const graphItems = nodeMenuItems.filter((i) => i.id === "details" || i.id === "focus");

  it("starts with the graph's own actions", () => {
    expect(nodeMenuItems.slice(0, 2).map((i) => i.label)).toEqual(["Show details", "Focus on this node"]);
  });

  it("routes each of them to its action", () => {
    const calls: string[] = [];
    const context = {
      showDetails: (id: string) => calls.push(`details ${id}`),
      focusOn: (id: string) => calls.push(`focus ${id}`),
    };
    for (const item of graphItems) item.run(node("rv-v1"), context);
    expect(calls).toEqual(["details rv-v1", "focus rv-v1"]);
  });

  it("in Compare mode writes the delta as the label and classes the edge by change and tone", () => {
    const changed = {
      ...edge("e-pp-rv1"),
      compare: { status: "changed" as const, tone: "worse" as const, label: "+1.00 rps · err +5.0%" },
    };
    expect(edgeData(changed, "responseTime", "#000").label).toBe("+1.00 rps · err +5.0%");
    expect(edgeClasses(changed)).toEqual(expect.arrayContaining(["compare-changed", "compare-worse"]));
    expect(edgeClasses(edge("e-pp-rv1")).some((c) => c.startsWith("compare-"))).toBe(false);
    const gone = { ...node("rv-v2"), compare: { status: "vanished" as const, tone: "shift" as const, label: "" } };
    expect(nodeClasses(gone)).toContain("compare-vanished");
  });
});
