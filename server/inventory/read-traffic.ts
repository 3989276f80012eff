/**
 * The traffic tab: inbound and outbound peers of an item with rate, error % and p95, from
 * three instant queries per direction (inventory-queries.ts). Prometheus is passed in.
 */
import "server-only";
import type { Traffic, TrafficPeer } from "@/lib/contracts/inventory";
import type { MetricDirection } from "@/lib/contracts/metrics";
import type { PromSample } from "@/server/adapters/prometheus";
import { percentOf } from "@/server/health/judge-health";
import { addRow, emptyTotals, type ClassTotals } from "@/server/health/response-classes";
import { toOutcome } from "./outcome-row";
import type { MetricTarget } from "@/server/metrics/metric-queries";
import { directionsOf } from "@/server/metrics/metric-queries";
import { buildTrafficQueries, peerLabels } from "./inventory-queries";

export type QueryVector = (promql: string) => Promise<PromSample[]>;

const value = (labels: Record<string, string>, name: string) => labels[name] || "unknown";

function peerOf(labels: Record<string, string>, direction: MetricDirection): Omit<TrafficPeer, "protocol" | "rate"> {
  if (direction === "inbound") {
    return {
      namespace: value(labels, "source_workload_namespace"),
      name: value(labels, "source_workload"),
      app: value(labels, "source_canonical_service"),
      version: labels.source_canonical_revision || "latest",
    };
  }
  return {
    namespace: value(labels, "destination_service_namespace"),
    name: value(labels, "destination_service_name"),
    workload: value(labels, "destination_workload"),
    app: value(labels, "destination_canonical_service"),
    version: labels.destination_canonical_revision || "latest",
  };
}

const protocolOf = (labels: Record<string, string>): TrafficPeer["protocol"] =>
  labels.request_protocol === "grpc" ? "grpc" : "http";

function keyOf(labels: Record<string, string>, direction: MetricDirection, protocol: string): string {
  return [...peerLabels[direction].map((l) => labels[l] ?? ""), protocol].join("|");
}

/** Pure: the three answers of one direction → one row per peer and protocol, busiest first. */
export function toTrafficPeers(
  direction: MetricDirection,
  answers: { requests: PromSample[]; p95: PromSample[]; tcp: PromSample[] },
): TrafficPeer[] {
  const rows = new Map<
    string,
    { peer: Omit<TrafficPeer, "protocol" | "rate">; protocol: TrafficPeer["protocol"]; totals: ClassTotals }
  >();
  for (const s of answers.requests) {
    if (!(s.value > 0)) continue;
    const protocol = protocolOf(s.labels);
    const key = keyOf(s.labels, direction, protocol);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { peer: peerOf(s.labels, direction), protocol, totals: emptyTotals() }));
    addRow(row.totals, toOutcome(s));
  }
  const p95 = new Map(
    answers.p95
      .filter((s) => Number.isFinite(s.value))
      .map((s) => [keyOf(s.labels, direction, protocolOf(s.labels)), s.value]),
  );
  const peers: TrafficPeer[] = [...rows.entries()].map(([key, r]) => ({
    ...r.peer,
    protocol: r.protocol,
    rate: r.totals.total,
    errorPct: Math.round(percentOf(r.totals.error, r.totals.total) * 10) / 10,
    ...(p95.has(key) ? { p95Ms: p95.get(key) } : {}),
  }));
  for (const s of answers.tcp) {
    if (s.value > 0) peers.push({ ...peerOf(s.labels, direction), protocol: "tcp", rate: s.value });
  }
  return peers.sort((a, b) => b.rate - a.rate || a.name.localeCompare(b.name));
}

export async function readTraffic(query: QueryVector, target: MetricTarget, windowSeconds: number): Promise<Traffic> {
  const result: Traffic = { windowSeconds, inbound: [], outbound: [] };
  await Promise.all(
    directionsOf(target.kind).map(async (direction) => {
      const queries = buildTrafficQueries(target, direction, windowSeconds);
      if (!queries) return;
      const [requests, p95, tcp] = await Promise.all([query(queries.requests), query(queries.p95), query(queries.tcp)]);
      result[direction] = toTrafficPeers(direction, { requests, p95, tcp });
    }),
  );
  return result;
}
