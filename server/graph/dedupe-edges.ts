/**
 * A request between two sidecars is reported twice: by the client proxy
 * (reporter="source") and by the server proxy (reporter="destination"). Counting both would
 * double every rate, so each workload-level edge keeps one view:
 *
 * - the destination's, when there is one: it is what reached the workload, and only it
 *   knows whether the connection was mutual TLS;
 * - plus the source's rows whose flags only a client sees (FI fault abort, UO overflow,
 *   UT timeout, NR no route, UH no healthy upstream): those requests were answered by the
 *   client proxy itself, so the destination never reported them;
 * - the source's view alone when no destination view exists (the destination has no
 *   sidecar, is outside the requested namespaces, or was never reached).
 *
 * The namespace queries overlap (a source-reported "unreached" row of one namespace is an
 * "outbound" row of another), so identical rows are dropped first.
 */
import "server-only";
import type { EdgeFigureRow, EdgeKey, TrafficRow } from "./traffic-row";

export const clientOnlyFlags: ReadonlySet<string> = new Set(["FI", "UO", "UT", "NR", "UH"]);

export function hasClientOnlyFlag(flags: string): boolean {
  if (flags === "-") return false;
  // Runs for most source-reported samples: a single flag needs no split.
  if (!flags.includes(",")) return clientOnlyFlags.has(flags.trim());
  return flags.split(",").some((f) => clientOnlyFlags.has(f.trim()));
}

/** Within one workload edge, what tells two rows apart. */
function sameOutcome(a: TrafficRow, b: TrafficRow): boolean {
  return (
    a.reporter === b.reporter &&
    a.code === b.code &&
    a.grpcStatus === b.grpcStatus &&
    a.flags === b.flags &&
    a.security === b.security
  );
}

/** A plain loop rather than `rows.some(closure)`: this runs once per sample, and the closure was garbage. */
function hasSameOutcome(rows: readonly TrafficRow[], row: TrafficRow): boolean {
  for (let i = 0; i < rows.length; i++) if (sameOutcome(rows[i] as TrafficRow, row)) return true;
  return false;
}

interface EdgeGroup {
  rows: TrafficRow[];
  destinationSeen: boolean;
}

export function dedupeTrafficRows(rows: readonly TrafficRow[]): TrafficRow[] {
  // Group by workload edge. Edge keys are small integers, so an array indexes the groups (no
  // hashing per row); `groups` keeps them in first-seen order. A group holds a handful of
  // rows (one per outcome), so identical rows are found by a short scan.
  const byEdge: (EdgeGroup | undefined)[] = [];
  const groups: EdgeGroup[] = [];
  for (const row of rows) {
    let group = byEdge[row.edgeKey];
    if (!group) {
      byEdge[row.edgeKey] = group = { rows: [], destinationSeen: false };
      groups.push(group);
    }
    if (hasSameOutcome(group.rows, row)) continue;
    group.rows.push(row);
    if (row.reporter === "destination") group.destinationSeen = true;
  }
  const kept: TrafficRow[] = [];
  for (const group of groups) {
    for (const row of group.rows) {
      if (!group.destinationSeen || row.reporter === "destination" || hasClientOnlyFlag(row.flags)) kept.push(row);
    }
  }
  return kept;
}

/**
 * One figure per workload-level edge when both proxies reported it:
 * - "destination": the server proxy's (throughput: the bytes that reached the workload);
 * - "larger": the larger of the two (response time). The client proxy's time includes what
 *   happened before the request left it — a fault delay injected at the client's sidecar, a
 *   retry, a slow connection — so a 7 s delay on reviews → ratings reads ~7 s there while
 *   ratings' proxy saw ~7 ms; when the destination saw more (a clock-skewed or partial
 *   source report), its figure stands.
 */
export function dedupeEdgeFigures(rows: readonly EdgeFigureRow[], prefer: "destination" | "larger"): EdgeFigureRow[] {
  const byEdge: (EdgeFigureRow | undefined)[] = [];
  const edges: EdgeKey[] = [];
  for (const row of rows) {
    if (!Number.isFinite(row.value)) continue; // NaN when the window had no requests
    const current = byEdge[row.edgeKey];
    if (!current) {
      edges.push(row.edgeKey);
      byEdge[row.edgeKey] = row;
    } else if (current.reporter !== row.reporter && replaces(current, row, prefer)) byEdge[row.edgeKey] = row;
  }
  return edges.map((key) => byEdge[key] as EdgeFigureRow);
}

function replaces(current: EdgeFigureRow, row: EdgeFigureRow, prefer: "destination" | "larger"): boolean {
  if (prefer === "larger") return row.value > current.value;
  return row.reporter === "destination";
}
