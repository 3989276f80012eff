/**
 * The graph's left-to-right layered layout, by ELK's "layered" algorithm (elkjs).
 *
 * Why ELK and not the hand-written layered layout this file held before: that one had no
 * dummy nodes for long edges (an edge over three columns was drawn straight through the
 * nodes and labels between), knew nothing of namespace boxes, and could put two versions of
 * one app in different columns, stretching their box across the picture. ELK inserts the
 * dummy nodes, lays out compound graphs (namespace boxes here) with edges across them, and
 * is maintained. The hand-written one was faster (a few ms for 1,000 nodes against ELK's
 * ~0.3 s of CPU for 500 nodes once warm, ~1.2 s on a page's first, cold run, and ~2 s for
 * 2,000 on a shared 2-core machine), but it only measurably won on speed, not on the
 * readability the page is for.
 *
 * Where it runs: on the server (server/graph/lay-out.ts, POST /api/graph/layout), which the
 * page asks once it has a graph. Measured in bench/graph-first-paint.bench.ts on 500 nodes,
 * the page's own ELK took ~0.8 s of the 1.5 s first-paint budget: ~0.25 s to load and
 * start ELK's 1.6 MB, then ~0.55 s of a cold first run; a server that has laid out graphs
 * before runs the same layout in ~0.2 s, and the page never loads ELK. A Web Worker in the
 * page was slower still (median 5.0 s against 4.3 s then, 2,000 nodes 17 s against 10 s): the
 * worker parses ELK again and runs it cold in its own heap, and the cores the parallelism
 * needs are taken.
 *
 * The options (`layoutOptions`, `largeLayoutOptions`, `boxOptions` below) and why:
 * - layered, left to right, polyline routing: callers left of callees, and bends only where
 *   an edge passes a column, so the canvas draws all other edges straight;
 * - spacing from what the canvas draws (labels between columns, footprints within one);
 * - above 150 units, thoroughness 1, no greedy switch and simple node placement: on 2,000
 *   nodes 6–10 s became ~1.5 s for a few more crossings;
 * - the namespace boxes repeat the spacing, routing and placement (ELK reads them per
 *   compound node: without them, columns inside a box were 20 px apart), not the crossing
 *   settings (those would buy a tenth of ELK's time for 9% more crossings on 500 nodes);
 * - not used: `mergeEdges` (a third less ELK time on the bench's 500 nodes, but 24% more
 *   crossings of the lines as the canvas draws them), `considerModelOrder` (minutes on wide
 *   layers), INCLUDE_CHILDREN off (callers would no longer stay left of callees across
 *   namespaces), `omitNodeMicroLayout` and registering the layered algorithm alone (no
 *   measurable gain); separate connected components stays off as before (not measured).
 *
 * How the graph is given to ELK:
 * 1. Each app box (a version's `group`) is one ELK node, its versions stacked inside in
 *    natural version order (v1, v2, …, v10), and calls to or from a version are calls to or
 *    from the box. So a box is never split across columns and its versions are sorted,
 *    which ELK's own compound handling would not guarantee. (A fixed port per version
 *    aimed edges better but tripled ELK's time on 500 nodes.)
 * 2. Nodes and app boxes of one namespace go inside that namespace's ELK node when
 *    several namespaces are drawn (boxes.ts decides), laid out across the hierarchy
 *    (`INCLUDE_CHILDREN`) so callers stay left of callees across namespaces.
 * 3. Every node is sized by what the canvas draws for it (the shape, the badge row above,
 *    the label below; see `footprint`), so ELK's spacing keeps labels apart.
 * The result is the centre of each leaf node (Cytoscape derives compound boxes from their
 * children), the boxes' rectangles (for tests and checks), and each edge's bend points.
 */
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import { compareVersions, namespaceBoxId, namespaceBoxesOf } from "./boxes";

export interface LayoutNode {
  id: string;
  /** The app box the node is drawn in (its versions are kept together and sorted). */
  group?: string;
  /** Namespace boxes are drawn when the nodes span several namespaces. */
  namespace?: string;
  /** What the canvas writes under the node; sizes the node's footprint. */
  label?: string;
  /** Sort key inside the app box (the version). */
  order?: string;
}
export interface LayoutEdge {
  id?: string;
  source: string;
  target: string;
}
export interface Point {
  x: number;
  y: number;
}
export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
export interface LayoutResult {
  /** Centre of each leaf node's shape. */
  positions: Map<string, Point>;
  /** App boxes and namespace boxes, as drawn (label above excluded). */
  boxes: Map<string, Rect>;
  /** Bend points of edges that ELK routed around other nodes, by edge id. */
  routes: Map<string, Point[]>;
}

/**
 * What the canvas draws around a node's centre (components/graph/cy-stylesheet.ts and
 * node-images.ts): a 40 px shape, a badge row up to 16 px above it, an 11 px label 4 px
 * below it. Text width is estimated at 6.5 px per character (DejaVu Sans at 11 px).
 */
export const footprint = {
  above: 36,
  below: 40,
  minWidth: 56,
  charWidth: 6.5,
};

export function footprintOf(center: Point, label = ""): Rect {
  const half = Math.max(footprint.minWidth, label.length * footprint.charWidth + 8) / 2;
  return { x1: center.x - half, y1: center.y - footprint.above, x2: center.x + half, y2: center.y + footprint.below };
}

/** Spacing the stability pass (positions.ts) also uses to keep new nodes clear of others. */
export const layoutSpacing = { column: 200, row: 90 };

/** The app box (cy-stylesheet.ts `node.box`): 14 px padding, its bold label above it. */
const appBox = { padding: 14, label: 22, gap: 6 };
const namespaceBox = { padding: 20, label: 24 };

/** Room between columns for an edge label ("12.34 rps", "250 ms"). */
export const columnGap = 110;
const layoutOptions = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  // Bends only where an edge passes a column (ELK's dummy nodes), so the canvas can draw
  // those few edges along their route and every other edge straight.
  "elk.edgeRouting": "POLYLINE",
  "elk.json.shapeCoords": "ROOT",
  "elk.json.edgeCoords": "ROOT",
  "elk.spacing.nodeNode": "24",
  "elk.layered.spacing.nodeNodeBetweenLayers": String(columnGap),
  "elk.spacing.edgeNode": "16",
  "elk.layered.spacing.edgeNodeBetweenLayers": "16",
  "elk.layered.spacing.edgeEdgeBetweenLayers": "10",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.separateConnectedComponents": "false",
};

/**
 * Above this many boxes and nodes, trade some crossings for time: on a 2,000-node graph the
 * greedy-switch pass and full thoroughness took 6–10 s of the main thread, these ~1.5 s.
 * (`considerModelOrder` is not used at all: it took minutes on wide layers.)
 */
const largeLayout = 150;
const largeLayoutOptions = {
  "elk.layered.thoroughness": "1",
  "elk.layered.crossingMinimization.greedySwitch.type": "OFF",
  "elk.layered.nodePlacement.strategy": "SIMPLE",
};

type Elk = { layout(graph: ElkNode): Promise<ElkNode> };
let elk: Promise<Elk> | undefined;

/** ELK (about 1.6 MB), loaded by the first layout and kept. */
function loadElk(): Promise<Elk> {
  elk ??= import("elkjs/lib/elk.bundled.js").then(({ default: ELK }) => new ELK());
  return elk;
}

interface Unit {
  id: string;
  namespace?: string;
  members: LayoutNode[];
  width: number;
  height: number;
  /** Centre of each member relative to the unit's top-left corner. */
  offsets: Map<string, Point>;
  isBox: boolean;
}

function buildUnits(nodes: LayoutNode[]): Unit[] {
  const groups = new Map<string, LayoutNode[]>();
  const units: Unit[] = [];
  for (const n of nodes) {
    if (n.group) groups.set(n.group, [...(groups.get(n.group) ?? []), n]);
    else {
      const width = footprintOf({ x: 0, y: 0 }, n.label).x2 * 2;
      units.push({
        id: n.id,
        namespace: n.namespace,
        members: [n],
        width,
        height: footprint.above + footprint.below,
        offsets: new Map([[n.id, { x: width / 2, y: footprint.above }]]),
        isBox: false,
      });
    }
  }
  for (const [id, members] of groups) {
    members.sort((a, b) => compareVersions(a.order ?? a.id, b.order ?? b.id) || a.id.localeCompare(b.id));
    const inner = Math.max(...members.map((m) => footprintOf({ x: 0, y: 0 }, m.label).x2 * 2));
    const width = inner + appBox.padding * 2;
    const offsets = new Map<string, Point>();
    let y = appBox.label + appBox.padding;
    for (const m of members) {
      offsets.set(m.id, { x: width / 2, y: y + footprint.above });
      y += footprint.above + footprint.below + appBox.gap;
    }
    units.push({
      id,
      namespace: members[0]?.namespace,
      members,
      width,
      height: y - appBox.gap + appBox.padding,
      offsets,
      isBox: true,
    });
  }
  return units.sort((a, b) => a.id.localeCompare(b.id));
}

const toElkNode = (unit: Unit): ElkNode => ({ id: unit.id, width: unit.width, height: unit.height });

export async function layoutGraph(nodes: LayoutNode[], edges: LayoutEdge[]): Promise<LayoutResult> {
  const units = buildUnits([...nodes].sort((a, b) => a.id.localeCompare(b.id)));
  const unitOf = new Map<string, Unit>();
  for (const u of units) for (const m of u.members) unitOf.set(m.id, u);

  const boxed = namespaceBoxesOf(nodes.map((n) => ({ namespace: n.namespace ?? "" })));
  const large = units.length > largeLayout;
  // The namespace boxes get the root's spacing, routing and node placement too: across the
  // hierarchy ELK still spaces columns, places nodes and routes edges per compound node, from
  // that node's own options, so without them the boxes ran ELK's defaults: columns 20 px
  // apart instead of the label's `columnGap` (layout.test.ts), orthogonal routing and
  // Brandes-Köpf on large graphs too; on the bench's 500 nodes also ~15% more ELK time and
  // 15% longer edges. The crossing minimisation settings stay the root's alone: given to the
  // boxes as well (thoroughness 1, no greedy switch) they cost 9% more crossings for another ~10%.
  const boxOptions = { ...layoutOptions, ...(large ? { "elk.layered.nodePlacement.strategy": "SIMPLE" } : {}) };
  const top: ElkNode[] = [];
  const byNamespace = new Map<string, ElkNode>();
  for (const u of units) {
    const node = toElkNode(u);
    if (u.namespace === undefined || !boxed.has(u.namespace)) {
      top.push(node);
      continue;
    }
    let container = byNamespace.get(u.namespace);
    if (!container) {
      container = {
        id: namespaceBoxId(u.namespace),
        layoutOptions: {
          ...boxOptions,
          "elk.padding": `[top=${namespaceBox.label + namespaceBox.padding},left=${namespaceBox.padding},bottom=${namespaceBox.padding},right=${namespaceBox.padding}]`,
        },
        children: [],
      };
      byNamespace.set(u.namespace, container);
      top.push(container);
    }
    container.children?.push(node);
  }

  const elkEdges: ElkExtendedEdge[] = [];
  const seen = new Set<string>();
  for (const e of [...edges].sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target))) {
    const from = unitOf.get(e.source);
    const to = unitOf.get(e.target);
    // Calls inside one box (a version to another) do not shape the columns.
    if (!from || !to || from === to) continue;
    const id = e.id ?? `${e.source}>${e.target}`;
    if (seen.has(id)) continue;
    seen.add(id);
    elkEdges.push({ id, sources: [from.id], targets: [to.id] });
  }

  const root: ElkNode = {
    id: "root",
    layoutOptions: {
      ...layoutOptions,
      ...(large ? largeLayoutOptions : {}),
      ...(byNamespace.size ? { "elk.hierarchyHandling": "INCLUDE_CHILDREN" } : {}),
    },
    children: top,
    edges: elkEdges,
  };
  const engine = await loadElk();
  const laid = await engine.layout(root);

  const positions = new Map<string, Point>();
  const boxes = new Map<string, Rect>();
  const unitById = new Map(units.map((u) => [u.id, u]));
  const place = (n: ElkNode) => {
    if (n.children) {
      const x = n.x ?? 0;
      const y = n.y ?? 0;
      boxes.set(n.id, { x1: x, y1: y + namespaceBox.label, x2: x + (n.width ?? 0), y2: y + (n.height ?? 0) });
      n.children.forEach(place);
      return;
    }
    const unit = unitById.get(n.id);
    if (!unit) return;
    const x = n.x ?? 0;
    const y = n.y ?? 0;
    for (const [id, o] of unit.offsets) positions.set(id, { x: x + o.x, y: y + o.y });
    if (unit.isBox) boxes.set(unit.id, { x1: x, y1: y + appBox.label, x2: x + unit.width, y2: y + unit.height });
  };
  (laid.children ?? []).forEach(place);

  // Only edges that pass a column between their ends get a route; an edge between
  // neighbouring columns is drawn straight (nothing stands between its ends).
  const unitRect = new Map<string, Rect>();
  const rectOf = (n: ElkNode) => {
    if (n.children) return n.children.forEach(rectOf);
    const x = n.x ?? 0;
    const y = n.y ?? 0;
    unitRect.set(n.id, { x1: x, y1: y, x2: x + (n.width ?? 0), y2: y + (n.height ?? 0) });
  };
  (laid.children ?? []).forEach(rectOf);
  const endOf = (elkId: string | undefined) => unitRect.get(elkId ?? "");
  // Left edges of the units, sorted: an edge passes a column when a unit lies entirely
  // between its ends.
  const rects = [...unitRect.values()].sort((a, b) => a.x1 - b.x1);
  const passesUnit = (from: Rect, to: Rect) => {
    let lo = 0;
    let hi = rects.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((rects[mid] as Rect).x1 <= from.x2) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < rects.length && (rects[i] as Rect).x1 < to.x1; i++)
      if ((rects[i] as Rect).x2 < to.x1) return true;
    return false;
  };
  const routes = new Map<string, Point[]>();
  const collect = (n: ElkNode) => {
    for (const e of (n.edges ?? []) as ElkExtendedEdge[]) {
      const bends = (e.sections ?? []).flatMap((s) => s.bendPoints ?? []);
      const from = endOf(e.sources[0]);
      const to = endOf(e.targets[0]);
      const passes = bends.length > 0 && !!from && !!to && passesUnit(from, to);
      if (passes)
        routes.set(
          e.id,
          bends.map((p) => ({ x: p.x, y: p.y })),
        );
    }
    (n.children ?? []).forEach(collect);
  };
  collect(laid);
  return { positions, boxes, routes };
}
