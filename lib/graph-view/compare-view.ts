/**
 * The graph page's Compare mode as data: the AFTER window's graph, plus what vanished drawn
 * from the BEFORE window, each element marked with how it changed (`compare` on the view
 * model). The canvas only turns marks into classes and labels (components/graph/cy-elements.ts),
 * so the comparison needs nothing of its own from the canvas.
 */
import type { GraphResponse } from "@/lib/contracts/graph";
import type { EdgeComparison, GraphComparison } from "@/lib/contracts/graph-compare";
import { formatPercent, formatRate } from "./edge-labels";
import { toViewGraph, type CompareMark, type ViewGraph } from "./view-model";

const signed = (n: number, text: string) => `${n >= 0 ? "+" : "−"}${text}`;

/** The few characters the canvas writes on a compared edge: the rate delta, then the share or what got worse. */
export function compareLabelOf(e: EdgeComparison): string {
  const unit = e.protocol === "tcp" ? "B/s" : "rps";
  if (e.status === "new") return `new · ${formatRate(e.after?.rate ?? 0)} ${unit}`;
  if (e.status === "vanished") return `gone · was ${formatRate(e.before?.rate ?? 0)} ${unit}`;
  if (e.status === "unchanged") return "";
  const kinds = new Set(e.findings.map((f) => f.kind));
  const parts = [`${signed(e.delta.rate, formatRate(Math.abs(e.delta.rate)))} ${unit}`];
  if (kinds.has("share"))
    parts.push(`${signed(e.delta.percentReqOfService, Math.abs(e.delta.percentReqOfService).toFixed(1))} pts`);
  if (kinds.has("errors")) parts.push(`err ${signed(e.delta.errorPct, formatPercent(Math.abs(e.delta.errorPct)))}`);
  if (kinds.has("responseTime") && e.delta.responseTimeMs !== undefined)
    parts.push(`p95 ${signed(e.delta.responseTimeMs, `${Math.abs(e.delta.responseTimeMs).toFixed(0)} ms`)}`);
  if (e.newFlags.length > 0) parts.push(e.newFlags.join(" "));
  if (kinds.has("mtls")) parts.push("mTLS ↓");
  return parts.join(" · ");
}

const toneRank: Record<CompareMark["tone"], number> = { worse: 0, better: 1, shift: 2, none: 3 };

export function compareMarkOf(e: EdgeComparison): CompareMark {
  const tone = e.findings.map((f) => f.tone as CompareMark["tone"]).sort((a, b) => toneRank[a] - toneRank[b])[0];
  return { status: e.status, tone: tone ?? "none", label: compareLabelOf(e) };
}

/**
 * The after graph with the before graph's vanished edges and nodes (and the boxes they
 * sat in, if those vanished too) added, every element marked. Ids are the engine's stable
 * identity hashes, so a vanished node keeps the place it had when the page last drew it.
 */
export function toCompareViewGraph(
  comparison: GraphComparison,
  graphs: { before: GraphResponse; after: GraphResponse },
): ViewGraph {
  const after = toViewGraph(graphs.after);
  const before = toViewGraph(graphs.before);
  const marks = new Map(comparison.edges.map((e) => [e.id, compareMarkOf(e)]));
  const vanishedNodes = new Set(comparison.nodes.vanished.map((n) => n.id));
  const newNodes = new Set(comparison.nodes.new.map((n) => n.id));

  const nodes = after.nodes.map((n) =>
    newNodes.has(n.id) ? { ...n, compare: { status: "new" as const, tone: "shift" as const, label: "" } } : n,
  );
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  for (const n of before.nodes) {
    if (!vanishedNodes.has(n.id)) continue;
    const parent = n.parent ? before.nodeById.get(n.parent) : undefined;
    if (parent && !nodeById.has(parent.id)) {
      nodes.push(parent);
      nodeById.set(parent.id, parent);
    }
    const gone = { ...n, compare: { status: "vanished" as const, tone: "shift" as const, label: "" } };
    nodes.push(gone);
    nodeById.set(n.id, gone);
  }
  const vanishedEdges = comparison.edges.filter((e) => e.status === "vanished").map((e) => e.id);
  const edges = [...after.edges, ...before.edges.filter((e) => vanishedEdges.includes(e.id))].map((e) => {
    const mark = marks.get(e.id);
    return mark ? { ...e, compare: mark } : e;
  });
  return { ...after, nodes, edges, nodeById };
}
