/**
 * The graph's layout through its route (POST /api/graph/layout), as the page asks for it:
 * Bookinfo written by hand (productpage calls details and three versions of reviews, two
 * of which call ratings), with istio-system's ingress gateway in front — two namespaces,
 * so they are drawn in boxes.
 */
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/graph/layout/route";
import { apiErrorBodySchema } from "@/lib/contracts/errors";
import { graphLayoutSchema, type GraphLayoutRequest } from "@/lib/contracts/graph-layout";
import { demoViewer } from "@/server/auth/test-support/demo-viewer";
import { runAsViewer } from "@/server/auth/viewer";

const bookinfo: GraphLayoutRequest = {
  nodes: [
    { id: "ingress", namespace: "istio-system", label: "istio-ingressgateway" },
    { id: "productpage-v1", group: "productpage", namespace: "bookinfo", label: "v1", order: "v1" },
    { id: "details-v1", group: "details", namespace: "bookinfo", label: "v1", order: "v1" },
    { id: "reviews-v10", group: "reviews", namespace: "bookinfo", label: "v10", order: "v10" },
    { id: "reviews-v2", group: "reviews", namespace: "bookinfo", label: "v2", order: "v2" },
    { id: "reviews-v1", group: "reviews", namespace: "bookinfo", label: "v1", order: "v1" },
    { id: "ratings-v1", group: "ratings", namespace: "bookinfo", label: "v1", order: "v1" },
  ],
  edges: [
    { id: "e0", source: "ingress", target: "productpage-v1" },
    { id: "e1", source: "productpage-v1", target: "details-v1" },
    { id: "e2", source: "productpage-v1", target: "reviews-v1" },
    { id: "e3", source: "productpage-v1", target: "reviews-v2" },
    { id: "e4", source: "productpage-v1", target: "reviews-v10" },
    { id: "e5", source: "reviews-v2", target: "ratings-v1" },
    { id: "e6", source: "reviews-v10", target: "ratings-v1" },
  ],
};

const post = (body: string) =>
  runAsViewer(demoViewer("alice"), () =>
    POST(
      new Request("http://localhost/api/graph/layout", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
      }),
    ),
  );

describe("POST /api/graph/layout", () => {
  it("places every node with callers left of callees, versions stacked in order, and says ELK's time", async () => {
    const response = await post(JSON.stringify(bookinfo));
    expect(response.status).toBe(200);
    expect(response.headers.get("server-timing")).toMatch(/^elk;dur=\d+(\.\d)?$/);
    const layout = graphLayoutSchema.parse(await response.json());
    const at = new Map(layout.positions.map((p) => [p.id, p]));
    expect([...at.keys()].sort()).toEqual(bookinfo.nodes.map((n) => n.id).sort());
    const x = (id: string) => at.get(id)?.x ?? NaN;
    const y = (id: string) => at.get(id)?.y ?? NaN;
    expect(x("ingress")).toBeLessThan(x("productpage-v1"));
    expect(x("productpage-v1")).toBeLessThan(x("reviews-v1"));
    expect(x("productpage-v1")).toBeLessThan(x("details-v1"));
    expect(x("reviews-v2")).toBeLessThan(x("ratings-v1"));
    // One app box is one column, its versions in natural order (v10 after v2).
    expect(new Set([x("reviews-v1"), x("reviews-v2"), x("reviews-v10")]).size).toBe(1);
    expect(y("reviews-v1")).toBeLessThan(y("reviews-v2"));
    expect(y("reviews-v2")).toBeLessThan(y("reviews-v10"));
    // Both namespaces got boxes, and bookinfo's holds its apps.
    const boxes = new Map(layout.boxes.map((b) => [b.id, b]));
    const bookinfoBox = boxes.get("namespace-box:bookinfo");
    expect(boxes.has("namespace-box:istio-system")).toBe(true);
    expect(bookinfoBox && bookinfoBox.x1 < x("details-v1") && x("details-v1") < bookinfoBox.x2).toBe(true);
  });

  it("refuses a node id given twice with a 400 that names it, and malformed JSON likewise", async () => {
    const twice = await post(JSON.stringify({ nodes: [...bookinfo.nodes, bookinfo.nodes[1]], edges: [] }));
    expect(twice.status).toBe(400);
    expect(apiErrorBodySchema.parse(await twice.json()).error.message).toContain(
      'node id "productpage-v1" is given twice',
    );
    const broken = await post('{"nodes": [');
    expect(broken.status).toBe(400);
  });
});
