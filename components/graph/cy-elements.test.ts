import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { bookinfoGraph } from "@/lib/graph-view/__fixtures__/bookinfo-graph";
import { toViewGraph } from "@/lib/graph-view/view-model";
import { namespaceBoxId } from "@/lib/graph-view/boxes";
import { toViewNode, type ViewNode } from "@/lib/graph-view/view-model";
import { edgeClasses, edgeData, nodeClasses, nodeData, nodeElements, type EdgeColours } from "./cy-elements";
import { healthRows } from "./graph-styles";
import { nodeMenuItems } from "./node-menu-items";

const colours: EdgeColours = { idle: "#999", byProtocol: { http: "#0a0", grpc: "#0aa", tcp: "#00a" } };
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

  it("greys a node whose namespace's workloads the viewer may not read and draws a key on it, as Kiali does", () => {
    const inaccessible = { ...node("pp-v1"), isInaccessible: true };
    expect(nodeClasses(inaccessible)).toContain("inaccessible");
    expect(nodeClasses(node("pp-v1"))).not.toContain("inaccessible");
    // pp-v1 alone draws no image; inaccessible, it carries the key.
    expect(nodeData(node("pp-v1")).image).toBeUndefined();
    expect(nodeData(inaccessible).image).toMatch(/^data:image\/svg\+xml/);
  });

  it("shapes nodes as Kiali does, a gateway keeping its kind's shape with a gateway badge", () => {
    expect(nodeData(node("gw")).shape).toBe("ellipse");
    expect(decodeURIComponent(nodeData(node("gw")).image!)).toContain(">G<");
    expect(nodeData(node("db")).shape).toBe("round-triangle");
    expect(nodeData(node("pp-v1")).shape).toBe("round-rectangle");
    expect(nodeData({ ...node("db"), isServiceEntry: true }).shape).toBe("round-tag");
    expect(nodeClasses(node("pp-box"))).toContain("box");
  });

  it("draws a badge the app box shows once on the box, not again on each version", () => {
    const byId = new Map(nodeElements(graph.nodes).map((el) => [el.data.id, el.data]));
    const box = decodeURIComponent(byId.get("rv-box")!.image!);
    expect(box).toContain(">VS<");
    // reviews v1 has only the box's badge: nothing left to draw on it.
    expect(byId.get("rv-v1")!.image).toBeUndefined();
    // reviews v2's own traffic shifting badge stays; the box's VS is not repeated.
    const v2 = decodeURIComponent(byId.get("rv-v2")!.image!);
    expect(v2).toContain(">%<");
    expect(v2).not.toContain(">VS<");
  });

  it("boxes nodes by namespace when several namespaces are drawn, app boxes inside, parents first", () => {
    const elements = nodeElements(graph.nodes);
    const ids = elements.map((el) => el.data.id);
    const parentOf = new Map(elements.map((el) => [el.data.id, el.data.parent]));
    expect(ids.filter((id) => id.startsWith("namespace-box:")).sort()).toEqual([
      namespaceBoxId("bookinfo"),
      namespaceBoxId("istio-system"),
    ]);
    expect(parentOf.get("gw")).toBe(namespaceBoxId("istio-system"));
    expect(parentOf.get("rv-box")).toBe(namespaceBoxId("bookinfo"));
    expect(parentOf.get("rv-v1")).toBe("rv-box");
    expect(parentOf.get("db")).toBe(namespaceBoxId("bookinfo"));
    for (const [i, id] of ids.entries()) {
      const parent = parentOf.get(id);
      if (parent) expect(ids.indexOf(parent)).toBeLessThan(i);
    }
    expect(elements.find((el) => el.data.id === namespaceBoxId("bookinfo"))!.classes).toContain("namespace-box");
  });

  it("draws no namespace box for a single namespace, nor for the unknown source", () => {
    const unknown: ViewNode = toViewNode({ id: "unknown", nodeType: "unknown", cluster: "c", namespace: "unknown" });
    const bookinfoOnly = [...graph.nodes.filter((n) => n.namespace === "bookinfo"), unknown];
    expect(nodeElements(bookinfoOnly).some((el) => el.classes.includes("namespace-box"))).toBe(false);
    expect(nodeElements(bookinfoOnly).find((el) => el.data.id === "rv-box")!.data.parent).toBeUndefined();
  });

  it("labels edges in the chosen mode and colours errors", () => {
    expect(edgeData(edge("e-gw-pp"), "responseTime", colours)).toMatchObject({ label: "42 ms", colour: "#0a0" });
    expect(edgeData(edge("e-pp-rv2"), "requestRate", colours).colour).toBe(healthRows.degraded.colour);
    expect(edgeClasses(edge("e-pp-rv2"))).toEqual(["traffic"]);
  });

  it("colours a healthy edge by its protocol, an erring one by its health, and an idle one grey", () => {
    expect(edgeData(edge("e-gw-pp"), "none", colours).colour).toBe(colours.byProtocol.http);
    expect(edgeData({ ...edge("e-gw-pp"), protocol: "grpc" }, "none", colours).colour).toBe(colours.byProtocol.grpc);
    expect(edgeData(edge("e-rt-db"), "none", colours).colour).toBe(colours.byProtocol.tcp);
    expect(edgeData({ ...edge("e-rt-db"), rate: 0 }, "none", colours).colour).toBe(colours.idle);
    expect(edgeData({ ...edge("e-gw-pp"), errorPct: 12 }, "none", colours).colour).toBe(healthRows.failure.colour);
  });

  it("gives each edge with traffic the motion of its animation, busier edges faster, and idle edges none", () => {
    const front = edgeData(edge("e-gw-pp"), "none", colours).motion!;
    const half = edgeData(edge("e-pp-rv1"), "none", colours).motion!;
    expect(front.speed).toBeGreaterThan(half.speed);
    expect(edgeData(edge("e-pp-rv2"), "none", colours).motion!.errorShare).toBeCloseTo(0.05);
    expect(edgeData(edge("e-rt-db"), "none", colours).motion!.unit).toBe("bytes");
    // Present but undefined, so a refresh that makes an edge idle also stops its marks.
    const idle = edgeData({ ...edge("e-gw-pp"), rate: 0 }, "none", colours);
    expect("motion" in idle && idle.motion === undefined).toBe(true);
  });

  describe("the Security display", () => {
    const partial = { ...edge("e-pp-rv1"), mtlsPct: 62.5 };

    it("marks nothing while it is off, as Kiali draws by default", () => {
      expect(edgeClasses(edge("e-gw-pp"))).toEqual(["traffic"]);
      expect(edgeClasses(partial)).toEqual(["traffic"]);
      expect(edgeData(edge("e-gw-pp"), "none", colours).label).toBe("");
    });

    it("gives full mTLS a lock and partial mTLS its own marker, even without edge labels", () => {
      expect(edgeClasses(edge("e-gw-pp"), true)).toEqual(["mtls", "traffic"]);
      expect(edgeData(edge("e-gw-pp"), "none", colours, true).label).toBe("🔒");
      expect(edgeData(edge("e-gw-pp"), "responseTime", colours, true).label).toBe("🔒 42 ms");
      expect(edgeClasses(partial, true)).toEqual(["mtls-partial", "traffic"]);
      expect(edgeData(partial, "none", colours, true).label).toBe("🔒 partial");
    });

    it("leaves plaintext edges, and edges the graph says nothing about, unmarked", () => {
      // ratings → mysqldb: isMTLS "0.0"; productpage → reviews v2: no isMTLS at all.
      expect(edgeClasses(edge("e-rt-db"), true)).toEqual(["traffic"]);
      expect(edgeData(edge("e-rt-db"), "none", colours, true).label).toBe("");
      expect(edgeClasses(edge("e-pp-rv2"), true)).toEqual(["traffic"]);
      expect(edgeData(edge("e-pp-rv2"), "requestRate", colours, true).label).toBe("5.00 rps · 5.0% err");
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
      queryClient: new QueryClient(),
    };
    for (const item of graphItems) item.run(node("rv-v1"), context);
    expect(calls).toEqual(["details rv-v1", "focus rv-v1"]);
  });

  it("in Compare mode writes the delta as the label and classes the edge by change and tone", () => {
    const changed = {
      ...edge("e-pp-rv1"),
      compare: { status: "changed" as const, tone: "worse" as const, label: "+1.00 rps · err +5.0%" },
    };
    expect(edgeData(changed, "responseTime", colours).label).toBe("+1.00 rps · err +5.0%");
    expect(edgeClasses(changed)).toEqual(expect.arrayContaining(["compare-changed", "compare-worse"]));
    expect(edgeClasses(edge("e-pp-rv1")).some((c) => c.startsWith("compare-"))).toBe(false);
    const gone = { ...node("rv-v2"), compare: { status: "vanished" as const, tone: "shift" as const, label: "" } };
    expect(nodeClasses(gone)).toContain("compare-vanished");
  });
});
