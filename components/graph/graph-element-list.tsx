"use client";

/**
 * The graph as lists, for keyboards, screen readers and tests: the same nodes and edges the
 * canvas draws, with the same edge label text, and what is hidden or found. Activating a
 * node or edge selects it (the canvas follows); each node's ⋯ button opens the node menu.
 */
import type { EdgeLabelMode } from "@/lib/graph-view/options";
import { edgeHealth, formatEdgeLabel } from "@/lib/graph-view/edge-labels";
import { edgeSecurity, securityMarkerOf } from "@/lib/graph-view/edge-security";
import type { TraceHighlight } from "@/lib/graph-view/trace-highlight";
import type { ViewGraph } from "@/lib/graph-view/view-model";
import type { Visibility } from "@/lib/graph-view/visibility";
import type { GraphSelection } from "./graph-canvas";
import { badgeRows, healthRows } from "./graph-styles";
import type { Point } from "@/lib/graph-view/layout";

interface Props {
  graph: ViewGraph;
  visibility: Visibility;
  edgeLabels: EdgeLabelMode;
  /** The Security display: marked edges show the canvas's marker and say it. */
  security: boolean;
  selection: GraphSelection;
  /** A lit trace path: its elements are marked "on the trace", as the canvas lights them. */
  highlight?: TraceHighlight | null;
  onSelect: (selection: GraphSelection) => void;
  /** Opens the node menu (one shared menu: a Radix root per row is costly at 1,000 nodes). */
  onOpenMenu: (id: string, at: Point) => void;
}

const rowClass = (selected: boolean) =>
  `min-w-0 flex-1 truncate rounded px-1.5 py-0.5 text-left text-sm ${selected ? "bg-sky-100 font-medium dark:bg-sky-900/50" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`;

export function GraphElementList({
  graph,
  visibility,
  edgeLabels,
  security,
  selection,
  highlight,
  onSelect,
  onOpenMenu,
}: Props) {
  const nodes = graph.nodes.filter((n) => n.kind !== "box");
  return (
    <div className="space-y-3">
      <section aria-labelledby="graph-node-list">
        <h3 id="graph-node-list" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          Nodes ({nodes.length})
        </h3>
        <ul aria-labelledby="graph-node-list" data-testid="graph-node-list">
          {nodes.map((n) => {
            const hidden = visibility.hiddenNodes.has(n.id);
            const found = visibility.foundNodes.has(n.id);
            const selected = selection?.kind === "node" && selection.id === n.id;
            const traced = !!highlight?.nodes.has(n.id);
            const notes = [
              healthRows[n.health].label,
              n.isInaccessible ? "inaccessible" : "",
              ...n.badges.map((b) => badgeRows.find((r) => r.badge === b)?.label ?? b),
              hidden ? "hidden" : "",
              found ? "found" : "",
              traced ? "on the trace" : "",
            ].filter(Boolean);
            return (
              <li
                key={n.id}
                className="flex items-center gap-1"
                data-node-id={n.id}
                data-node-name={n.title}
                data-hidden={hidden}
                data-found={found}
                data-traced={traced}
                data-health={n.health}
                data-inaccessible={n.isInaccessible}
              >
                <button
                  type="button"
                  aria-pressed={selected}
                  onClick={() => onSelect({ kind: "node", id: n.id })}
                  className={`${rowClass(selected)} ${hidden ? "text-slate-400 line-through" : ""}`}
                >
                  {n.title}
                  <span className="sr-only">, {notes.join(", ")}</span>
                </button>
                <button
                  type="button"
                  aria-label={`Actions for ${n.title}`}
                  aria-haspopup="menu"
                  onClick={(e) => {
                    const r = e.currentTarget.getBoundingClientRect();
                    onOpenMenu(n.id, { x: r.left, y: r.bottom });
                  }}
                  className="rounded px-1 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"
                >
                  ⋯
                </button>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="graph-edge-list">
        <h3 id="graph-edge-list" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          Edges ({graph.edges.length})
        </h3>
        <ul aria-labelledby="graph-edge-list" data-testid="graph-edge-list">
          {graph.edges.map((e) => {
            const hidden = visibility.hiddenEdges.has(e.id);
            const label = formatEdgeLabel(e, edgeLabels);
            const selected = selection?.kind === "edge" && selection.id === e.id;
            const traced = highlight?.edges.has(e.id) ? (highlight.errorEdges.has(e.id) ? "failed" : "ok") : "";
            const from = graph.nodeById.get(e.source)?.title ?? e.source;
            const to = graph.nodeById.get(e.target)?.title ?? e.target;
            const marker = security ? securityMarkerOf(e) : undefined;
            return (
              <li
                key={e.id}
                data-edge-id={e.id}
                data-source={from}
                data-target={to}
                data-label={label}
                data-hidden={hidden}
                data-mtls={(e.mtlsPct ?? 0) > 0}
                data-security={edgeSecurity(e)}
                data-health={edgeHealth(e)}
                data-traced={traced}
              >
                <button
                  type="button"
                  aria-pressed={selected}
                  onClick={() => onSelect({ kind: "edge", id: e.id })}
                  className={`${rowClass(selected)} w-full ${hidden ? "text-slate-400 line-through" : ""}`}
                >
                  {from} → {to}
                  {marker && (
                    <span aria-hidden="true" className="ml-1 text-xs">
                      {marker.marker}
                    </span>
                  )}
                  {label && <span className="ml-1 font-mono text-xs text-slate-500">{label}</span>}
                  <span className="sr-only">
                    {marker ? `, ${marker.describe(e)}` : ""}
                    {hidden ? ", hidden" : ""}
                    {traced === "ok" ? ", on the trace" : traced === "failed" ? ", on the trace, failed" : ""}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
