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
import { workloadEdgeKey, type ResponseTimeRow, type TrafficRow } from "./traffic-row";

export const clientOnlyFlags: ReadonlySet<string> = new Set(["FI", "UO", "UT", "NR", "UH"]);

export function hasClientOnlyFlag(flags: string): boolean {
  return flags.split(",").some((f) => clientOnlyFlags.has(f.trim()));
}

function rowKey(row: TrafficRow): string {
  return `${row.reporter}|${workloadEdgeKey(row)}|${row.code}|${row.grpcStatus}|${row.flags}|${row.security}`;
}

export function dedupeTrafficRows(rows: readonly TrafficRow[]): TrafficRow[] {
  const unique = new Map<string, TrafficRow>();
  for (const row of rows) {
    const key = rowKey(row);
    if (!unique.has(key)) unique.set(key, row);
  }
  const byEdge = new Map<string, TrafficRow[]>();
  const edgesSeenByDestination = new Set<string>();
  for (const row of unique.values()) {
    const key = workloadEdgeKey(row);
    let list = byEdge.get(key);
    if (!list) byEdge.set(key, (list = []));
    list.push(row);
    if (row.reporter === "destination") edgesSeenByDestination.add(key);
  }
  const kept: TrafficRow[] = [];
  for (const [key, list] of byEdge) {
    const destinationSeen = edgesSeenByDestination.has(key);
    for (const row of list) {
      if (!destinationSeen || row.reporter === "destination" || hasClientOnlyFlag(row.flags)) kept.push(row);
    }
  }
  return kept;
}

/** One response time per workload-level edge, the destination's when both reported it. */
export function dedupeResponseTimes(rows: readonly ResponseTimeRow[]): ResponseTimeRow[] {
  const byEdge = new Map<string, ResponseTimeRow>();
  for (const row of rows) {
    if (!Number.isFinite(row.ms)) continue; // NaN when the window had no requests
    const key = workloadEdgeKey(row);
    const current = byEdge.get(key);
    if (!current || (current.reporter === "source" && row.reporter === "destination")) byEdge.set(key, row);
  }
  return [...byEdge.values()];
}
