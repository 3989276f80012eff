/**
 * Node health with Kiali's default thresholds (kiali-parity.md), evaluated over the graph's
 * window on the node's inbound requests, plus its workloads' replicas:
 *
 * | signal                      | degraded | failure |
 * | 5xx (and gRPC errors)       | > 0 %    | ≥ 10 %  |
 * | 4xx                         | ≥ 10 %   | ≥ 20 %  |
 * | no response (code 0)        |    —     | ≥ 10 %  |
 * | available replicas          | < wanted | 0       |
 *
 * A node with neither inbound requests nor known workloads is "na"; an app box takes the
 * worst status of its versions.
 */
import "server-only";
import type { HealthData, HealthStatus } from "@/lib/contracts/graph";
import { formatPercent, formatRate, percentOf } from "./format-number";
import type { ClusterState } from "./graph-sources";
import { addRow, addTotals, classRate, emptyTotals, type ClassTotals } from "./response-classes";
import type { NodeModel, TrafficMap } from "./traffic-map";

interface RequestShares {
  serverErr: number;
  clientErr: number;
  noResponse: number;
}

interface Threshold {
  label: string;
  share: (s: RequestShares) => number;
  degraded?: (pct: number) => boolean;
  failure: (pct: number) => boolean;
  limits: string;
}

export const requestThresholds: readonly Threshold[] = [
  { label: "5xx", share: (s) => s.serverErr, degraded: (p) => p > 0, failure: (p) => p >= 10, limits: "degraded > 0%, failure ≥ 10%" },
  { label: "4xx", share: (s) => s.clientErr, degraded: (p) => p >= 10, failure: (p) => p >= 20, limits: "degraded ≥ 10%, failure ≥ 20%" },
  { label: "no response", share: (s) => s.noResponse, failure: (p) => p >= 10, limits: "failure ≥ 10%" },
];

// Unknown ranks above healthy: with an input missing, a roll-up must not claim "healthy".
const rank: Record<HealthStatus, number> = { na: 0, healthy: 1, unknown: 2, degraded: 3, failure: 4 };
/** The worse of two statuses (also the inventory's roll-up). */
export const worstStatus = (a: HealthStatus, b: HealthStatus): HealthStatus => (rank[b] > rank[a] ? b : a);

/** Inbound shares (%) of server errors, client errors and no response: what the thresholds judge. */
export function requestShares(t: ClassTotals): RequestShares {
  return {
    serverErr: percentOf(classRate(t, "5xx") + classRate(t, "Err"), t.total),
    clientErr: percentOf(classRate(t, "4xx"), t.total),
    noResponse: percentOf(classRate(t, "NoResponse"), t.total),
  };
}

function healthOf(node: NodeModel, inbound: ClassTotals | undefined, state: Map<string, { desiredReplicas: number; availableReplicas: number }>): HealthData {
  let status: HealthStatus = "na";
  const reasons: string[] = [];
  const health: HealthData = { status };
  if (inbound && inbound.total > 0) {
    status = "healthy";
    const shares = requestShares(inbound);
    for (const t of requestThresholds) {
      const pct = t.share(shares);
      const verdict: HealthStatus = t.failure(pct) ? "failure" : t.degraded?.(pct) ? "degraded" : "healthy";
      if (verdict !== "healthy") reasons.push(`${t.label} ${formatPercent(pct)}% (${t.limits})`);
      status = worstStatus(status, verdict);
    }
    health.requests = {
      inboundRate: formatRate(inbound.total),
      errorPct: formatPercent(percentOf(inbound.error, inbound.total)),
      http5xxPct: formatPercent(shares.serverErr),
      http4xxPct: formatPercent(shares.clientErr),
      noResponsePct: formatPercent(shares.noResponse),
    };
  }
  const workloads = [...node.workloads].map((k) => state.get(k)).filter((w) => w !== undefined);
  if (workloads.length > 0) {
    const desiredReplicas = workloads.reduce((n, w) => n + w.desiredReplicas, 0);
    const availableReplicas = workloads.reduce((n, w) => n + w.availableReplicas, 0);
    health.workload = { desiredReplicas, availableReplicas };
    let verdict: HealthStatus = "healthy";
    if (desiredReplicas > 0 && availableReplicas === 0) verdict = "failure";
    else if (availableReplicas < desiredReplicas) verdict = "degraded";
    if (verdict !== "healthy") reasons.push(`${availableReplicas}/${desiredReplicas} replicas available`);
    status = worstStatus(status, verdict);
  }
  health.status = status;
  if (reasons.length > 0) health.reasons = reasons;
  return health;
}

export function applyHealth(map: TrafficMap, state: ClusterState): TrafficMap {
  const inbound = new Map<string, ClassTotals>();
  for (const edge of map.edges.values()) {
    if (edge.protocol === "tcp") continue;
    let t = inbound.get(edge.target);
    if (!t) inbound.set(edge.target, (t = emptyTotals()));
    if (edge.totals) addTotals(t, edge.totals);
    else for (const row of edge.rows) addRow(t, row);
  }
  const replicas = new Map(state.workloads.map((w) => [`${w.namespace}/${w.name}`, w]));
  const boxes: NodeModel[] = [];
  // Worst status per box, gathered in the same pass (scanning all nodes per box was quadratic).
  const byBox = new Map<string, HealthStatus>();
  for (const node of map.nodes.values()) {
    if (node.data.nodeType === "box") {
      boxes.push(node);
      continue;
    }
    const health = (node.data.healthData = healthOf(node, inbound.get(node.data.id), replicas));
    const parent = node.data.parent;
    if (parent !== undefined) byBox.set(parent, worstStatus(byBox.get(parent) ?? "na", health.status));
  }
  for (const box of boxes) box.data.healthData = { status: byBox.get(box.data.id) ?? "na" };
  return map;
}
