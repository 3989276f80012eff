/**
 * Node health: each node judged by server/health/judge-health.ts (Kiali's default
 * thresholds) on its inbound requests over the graph's window, reusing the edges' class
 * totals, and on its workloads' replicas; an app box takes the worst status of its versions.
 */
import "server-only";
import type { HealthData, HealthStatus } from "@/lib/contracts/graph";
import { judgeHealth, percentOf, worstStatus } from "@/server/health/judge-health";
import { addRow, addTotals, emptyTotals, type ClassTotals } from "@/server/health/response-classes";
import { formatPercent, formatRate } from "./format-number";
import type { ClusterState } from "./graph-sources";
import type { NodeModel, TrafficMap } from "./traffic-map";

type Replicas = Map<string, { desiredReplicas: number; availableReplicas: number }>;

function healthOf(node: NodeModel, inbound: ClassTotals | undefined, state: Replicas): HealthData {
  const workloads = [...node.workloads].map((k) => state.get(k)).filter((w) => w !== undefined);
  const replicas =
    workloads.length > 0
      ? {
          desired: workloads.reduce((n, w) => n + w.desiredReplicas, 0),
          available: workloads.reduce((n, w) => n + w.availableReplicas, 0),
        }
      : undefined;
  const { status, reasons, shares } = judgeHealth(inbound, replicas);
  const health: HealthData = { status };
  if (inbound && shares) {
    health.requests = {
      inboundRate: formatRate(inbound.total),
      errorPct: formatPercent(percentOf(inbound.error, inbound.total)),
      http5xxPct: formatPercent(shares.serverErr),
      http4xxPct: formatPercent(shares.clientErr),
      noResponsePct: formatPercent(shares.noResponse),
    };
  }
  if (replicas) health.workload = { desiredReplicas: replicas.desired, availableReplicas: replicas.available };
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
