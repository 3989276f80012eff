/**
 * POST /api/graph/layout — where to draw a graph's nodes. The page sends the nodes it draws
 * (lib/graph-view/layout.ts `LayoutNode`: id, app box, namespace, label, version) and the
 * calls between them; the answer is the centre of each node, each box's rectangle and the
 * bend points of edges routed around columns. Topsail's own endpoint (Kiali lays out in
 * the browser); why the server lays out is in lib/graph-view/layout.ts.
 * Lists, not objects keyed by id: an id is any string (even `__proto__`).
 */
import { z } from "zod";
import type { LayoutResult, Point, Rect } from "@/lib/graph-view/layout";
import { namespaceBoxId } from "@/lib/graph-view/boxes";

/** ELK on 2,000 nodes takes ~1.5 s of the server's time; 5,000 is beyond what a canvas shows readably. */
export const maxLayoutNodes = 5000;
export const maxLayoutEdges = 20000;

const idSchema = z.string().min(1, "an id is a non-empty string").max(512, "an id is at most 512 characters");
const textSchema = z.string().max(512, "at most 512 characters");

export const layoutNodeSchema = z.object({
  id: idSchema,
  group: idSchema.optional(),
  namespace: textSchema.optional(),
  label: textSchema.optional(),
  order: textSchema.optional(),
});

export const layoutEdgeSchema = z.object({
  id: idSchema.optional(),
  source: idSchema,
  target: idSchema,
});

export const graphLayoutRequestSchema = z
  .object({
    nodes: z
      .array(layoutNodeSchema)
      .max(maxLayoutNodes, `lay out at most ${maxLayoutNodes} nodes at once (hide some, or draw fewer namespaces)`),
    edges: z.array(layoutEdgeSchema).max(maxLayoutEdges, `lay out at most ${maxLayoutEdges} edges at once`),
  })
  .superRefine(({ nodes }, ctx) => {
    // Nodes, app boxes and namespace boxes are one id space in the layout.
    const ids = new Set<string>();
    nodes.forEach((node, index) => {
      if (ids.has(node.id))
        ctx.addIssue({ code: "custom", path: ["nodes", index, "id"], message: `node id "${node.id}" is given twice` });
      ids.add(node.id);
    });
    nodes.forEach((node, index) => {
      if (node.group !== undefined && ids.has(node.group))
        ctx.addIssue({
          code: "custom",
          path: ["nodes", index, "group"],
          message: `group "${node.group}" is also a node's id: an app box needs an id of its own`,
        });
      if (node.namespace !== undefined && ids.has(namespaceBoxId(node.namespace)))
        ctx.addIssue({
          code: "custom",
          path: ["nodes", index, "namespace"],
          message: `namespace "${node.namespace}" has a box id ("${namespaceBoxId(node.namespace)}") that a node already uses`,
        });
    });
  });
export type GraphLayoutRequest = z.infer<typeof graphLayoutRequestSchema>;

const pointSchema = z.object({ x: z.number(), y: z.number() });
const rectSchema = z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() });

export const graphLayoutSchema = z.object({
  positions: z.array(z.object({ id: z.string(), x: z.number(), y: z.number() })),
  boxes: z.array(rectSchema.extend({ id: z.string() })),
  routes: z.array(z.object({ id: z.string(), bends: z.array(pointSchema) })),
});
export type GraphLayout = z.infer<typeof graphLayoutSchema>;

export const graphLayoutUrl = "/api/graph/layout";

/** The layout as sent: lists of entries. */
export function toGraphLayout(result: LayoutResult): GraphLayout {
  return {
    positions: [...result.positions].map(([id, p]) => ({ id, x: p.x, y: p.y })),
    boxes: [...result.boxes].map(([id, r]) => ({ id, ...r })),
    routes: [...result.routes].map(([id, bends]) => ({ id, bends })),
  };
}

/** The layout as the canvas reads it: maps by id. */
export function fromGraphLayout(layout: GraphLayout): LayoutResult {
  return {
    positions: new Map<string, Point>(layout.positions.map(({ id, x, y }) => [id, { x, y }])),
    boxes: new Map<string, Rect>(layout.boxes.map(({ id, ...rect }) => [id, rect])),
    routes: new Map<string, Point[]>(layout.routes.map(({ id, bends }) => [id, bends])),
  };
}
