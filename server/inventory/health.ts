/**
 * Health of applications, workloads and services, decided as the graph decides a node's
 * (server/graph/apply-health.ts, Kiali's default thresholds): the inbound request shares
 * against `requestThresholds`, and for apps and workloads the available replicas. The
 * request figures come from one destination-reported query per namespace, rolled up here
 * per workload, per app (canonical service) and per service.
 */
import "server-only";
import type { HealthStatus } from "@/lib/contracts/graph";
import type { Health } from "@/lib/contracts/inventory";
import { percentOf } from "@/server/graph/format-number";
import { requestShares, requestThresholds, worstStatus } from "@/server/graph/apply-health";
import type { PromSample } from "@/server/graph/graph-sources";
import { addRow, addTotals, emptyTotals, type ClassTotals } from "@/server/graph/response-classes";
import { toOutcomeRow } from "./outcome-row";

/** Inbound request totals, by response class, for each workload, app and service. */
export interface InboundTotals {
  workloads: Map<string, ClassTotals>;
  apps: Map<string, ClassTotals>;
  services: Map<string, ClassTotals>;
}

function add(map: Map<string, ClassTotals>, key: string, sample: PromSample): void {
  let totals = map.get(key);
  if (!totals) map.set(key, (totals = emptyTotals()));
  addRow(totals, toOutcomeRow(sample, "destination"));
}

/** Rolls the health query's samples up by destination workload, canonical service and service name. */
export function rollUpInbound(samples: readonly PromSample[]): InboundTotals {
  const totals: InboundTotals = { workloads: new Map(), apps: new Map(), services: new Map() };
  for (const s of samples) {
    if (!(s.value > 0)) continue;
    const l = s.labels;
    if (l.destination_workload && l.destination_workload !== "unknown") add(totals.workloads, l.destination_workload, s);
    if (l.destination_canonical_service && l.destination_canonical_service !== "unknown") add(totals.apps, l.destination_canonical_service, s);
    if (l.destination_service_name && l.destination_service_name !== "unknown") add(totals.services, l.destination_service_name, s);
  }
  return totals;
}

export function sumTotals(list: readonly (ClassTotals | undefined)[]): ClassTotals | undefined {
  const present = list.filter((t): t is ClassTotals => t !== undefined);
  if (present.length === 0) return undefined;
  const sum = emptyTotals();
  for (const t of present) addTotals(sum, t);
  return sum;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The status of an item from its inbound requests (undefined: none in the window) and, for
 * workloads and apps, its replicas. No requests and no replicas to judge is "na". When the
 * request figures could not be read at all (`requestsKnown` false: Prometheus did not
 * answer), the item is "unknown" unless its replicas alone show it degraded or failing.
 */
export function decideHealth(inbound: ClassTotals | undefined, replicas?: { desired: number; available: number }, requestsKnown = true): Health {
  let status: HealthStatus = requestsKnown ? "na" : "unknown";
  const reasons: string[] = requestsKnown ? [] : ["request figures unavailable: Prometheus did not answer"];
  const health: Health = { status, reasons };
  if (requestsKnown && inbound && inbound.total > 0) {
    status = "healthy";
    const shares = requestShares(inbound);
    for (const t of requestThresholds) {
      const pct = t.share(shares);
      const verdict: HealthStatus = t.failure(pct) ? "failure" : t.degraded?.(pct) ? "degraded" : "healthy";
      if (verdict !== "healthy") reasons.push(`${t.label} ${pct.toFixed(1)}% (${t.limits})`);
      status = worstStatus(status, verdict);
    }
    health.requests = { rate: inbound.total, errorPct: round1(percentOf(inbound.error, inbound.total)) };
  }
  if (replicas) {
    health.replicas = replicas;
    let verdict: HealthStatus = "healthy";
    if (replicas.desired > 0 && replicas.available === 0) verdict = "failure";
    else if (replicas.available < replicas.desired) verdict = "degraded";
    if (verdict !== "healthy") reasons.push(`${replicas.available}/${replicas.desired} replicas available`);
    status = worstStatus(status, verdict);
  }
  health.status = status;
  return health;
}
