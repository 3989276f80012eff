/**
 * Two windows of the same graph, compared: which edges appeared or vanished, and how each
 * kept edge's rate, traffic share, error %, p95, response codes, flags and mTLS share moved
 * (thresholds.ts says when a move is significant). Pure: the server compares the graphs it
 * built (server/graph/compare.ts) and the tests hand-written ones.
 *
 * Identity: node ids are hashes of what a node stands for (cluster, namespace, kind, name,
 * version — server/graph/node-identity.ts), so the same node has the same id in both
 * windows; an edge is its source id, target id and protocol. Boxes are not compared.
 */
import type { GraphResponse } from "@/lib/contracts/graph";
import type {
  CompareNodeRef,
  CompareThresholds,
  EdgeComparison,
  EdgeFigures,
  GraphComparison,
} from "@/lib/contracts/graph-compare";
import { toViewEdge, toViewNode, type ViewEdge, type ViewNode } from "@/lib/graph-view/view-model";
import { compareRules, defaultCompareThresholds } from "./thresholds";

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function figuresOf(e: ViewEdge): EdgeFigures {
  const flags = new Set<string>();
  for (const r of e.responses) for (const flag of Object.keys(r.flags)) if (flag !== "-") flags.add(flag);
  return {
    rate: e.rate,
    percentReqOfService: e.percentReqOfService,
    errorPct: round(e.errorPct, 1),
    ...(e.responseTimeMs !== undefined ? { responseTimeMs: e.responseTimeMs } : {}),
    ...(e.mtlsPct !== undefined ? { mtlsPct: e.mtlsPct } : {}),
    // TCP edges file everything under "-": bytes have no response codes.
    codes: e.protocol === "tcp" ? [] : e.responses.map((r) => r.code).sort(),
    flags: [...flags].sort(),
  };
}

const refOf = (n: ViewNode | undefined, id: string): CompareNodeRef =>
  n ? { id, name: n.title, namespace: n.namespace } : { id, name: id, namespace: "" };

interface Side {
  nodes: Map<string, ViewNode>;
  edges: Map<string, ViewEdge>;
}

const edgeKey = (e: Pick<ViewEdge, "source" | "target" | "protocol">) =>
  `${e.source}\u0000${e.target}\u0000${e.protocol}`;

function sideOf(graph: GraphResponse): Side {
  const nodes = new Map<string, ViewNode>();
  for (const { data } of graph.elements.nodes) {
    const node = toViewNode(data);
    if (node.kind !== "box") nodes.set(node.id, node);
  }
  const edges = new Map<string, ViewEdge>();
  for (const { data } of graph.elements.edges) {
    const edge = toViewEdge(data);
    edges.set(edgeKey(edge), edge);
  }
  return { nodes, edges };
}

function compareEdge(
  before: ViewEdge | undefined,
  after: ViewEdge | undefined,
  sides: { before: Side; after: Side },
  t: CompareThresholds,
): EdgeComparison {
  const edge = (after ?? before) as ViewEdge;
  const b = before ? figuresOf(before) : undefined;
  const a = after ? figuresOf(after) : undefined;
  const node = (id: string) => refOf(sides.after.nodes.get(id) ?? sides.before.nodes.get(id), id);
  const findings = compareRules.flatMap((rule) => rule({ before: b, after: a, protocol: edge.protocol, t }) ?? []);
  const rateBefore = b?.rate ?? 0;
  const rateDelta = (a?.rate ?? 0) - rateBefore;
  const rtDelta =
    b?.responseTimeMs !== undefined && a?.responseTimeMs !== undefined
      ? a.responseTimeMs - b.responseTimeMs
      : undefined;
  const mtlsDelta = b?.mtlsPct !== undefined && a?.mtlsPct !== undefined ? a.mtlsPct - b.mtlsPct : undefined;
  return {
    id: edge.id,
    source: node(edge.source),
    target: node(edge.target),
    protocol: edge.protocol,
    status: !b ? "new" : !a ? "vanished" : findings.length > 0 ? "changed" : "unchanged",
    ...(b ? { before: b } : {}),
    ...(a ? { after: a } : {}),
    delta: {
      rate: round(rateDelta, 2),
      ...(rateBefore > 0 ? { ratePct: round((rateDelta / rateBefore) * 100, 1) } : {}),
      percentReqOfService: round((a?.percentReqOfService ?? 0) - (b?.percentReqOfService ?? 0), 1),
      errorPct: round((a?.errorPct ?? 0) - (b?.errorPct ?? 0), 1),
      ...(rtDelta !== undefined ? { responseTimeMs: round(rtDelta, 2) } : {}),
      ...(mtlsDelta !== undefined ? { mtlsPct: round(mtlsDelta, 1) } : {}),
    },
    newCodes: (a?.codes ?? []).filter((c) => !(b?.codes ?? []).includes(c)),
    newFlags: (a?.flags ?? []).filter((f) => !(b?.flags ?? []).includes(f)),
    findings,
  };
}

const statusRank: Record<EdgeComparison["status"], number> = { new: 0, vanished: 1, changed: 2, unchanged: 3 };

/** Compares `before` with `after` (two windows of one graph type); `thresholds` defaults to thresholds.ts. */
export function compareGraphs(
  before: GraphResponse,
  after: GraphResponse,
  thresholds: CompareThresholds = defaultCompareThresholds,
): GraphComparison {
  const sides = { before: sideOf(before), after: sideOf(after) };
  const keys = new Set([...sides.before.edges.keys(), ...sides.after.edges.keys()]);
  const edges = [...keys]
    .map((key) => compareEdge(sides.before.edges.get(key), sides.after.edges.get(key), sides, thresholds))
    .sort(
      (x, y) =>
        statusRank[x.status] - statusRank[y.status] ||
        Math.abs(y.delta.rate) - Math.abs(x.delta.rate) ||
        x.id.localeCompare(y.id),
    );
  const only = (mine: Side, other: Side) =>
    [...mine.nodes.values()]
      .filter((n) => !other.nodes.has(n.id))
      .map((n) => refOf(n, n.id))
      .sort((x, y) => x.name.localeCompare(y.name));
  const count = (status: EdgeComparison["status"]) => edges.filter((e) => e.status === status).length;
  return {
    graphType: after.graphType,
    duration: after.duration,
    before: before.timestamp,
    after: after.timestamp,
    thresholds,
    summary: {
      new: count("new"),
      vanished: count("vanished"),
      changed: count("changed"),
      unchanged: count("unchanged"),
    },
    edges,
    nodes: { new: only(sides.after, sides.before), vanished: only(sides.before, sides.after) },
  };
}
