/**
 * Health of applications, workloads and services, judged as the graph judges a node
 * (server/health/judge-health.ts, Kiali's default thresholds): the inbound request shares,
 * and for apps and workloads the available replicas. The request figures come from one
 * destination-reported query per namespace, rolled up here per workload, per app
 * (canonical service) and per service.
 */
import "server-only";
import type { Health } from "@/lib/contracts/inventory";
import type { PromSample } from "@/server/adapters/prometheus";
import { judgeHealth, percentOf, worstStatus, type Replicas } from "@/server/health/judge-health";
import { addRow, addTotals, emptyTotals, type ClassTotals } from "@/server/health/response-classes";
import { toOutcome } from "./outcome-row";

/** Inbound request totals, by response class, for each workload, app and service. */
export interface InboundTotals {
  workloads: Map<string, ClassTotals>;
  apps: Map<string, ClassTotals>;
  services: Map<string, ClassTotals>;
}

function add(map: Map<string, ClassTotals>, key: string, sample: PromSample): void {
  let totals = map.get(key);
  if (!totals) map.set(key, (totals = emptyTotals()));
  addRow(totals, toOutcome(sample));
}

/** Rolls the health query's samples up by destination workload, canonical service and service name. */
export function rollUpInbound(samples: readonly PromSample[]): InboundTotals {
  const totals: InboundTotals = { workloads: new Map(), apps: new Map(), services: new Map() };
  for (const s of samples) {
    if (!(s.value > 0)) continue;
    const l = s.labels;
    if (l.destination_workload && l.destination_workload !== "unknown")
      add(totals.workloads, l.destination_workload, s);
    if (l.destination_canonical_service && l.destination_canonical_service !== "unknown")
      add(totals.apps, l.destination_canonical_service, s);
    if (l.destination_service_name && l.destination_service_name !== "unknown")
      add(totals.services, l.destination_service_name, s);
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
export function decideHealth(inbound: ClassTotals | undefined, replicas?: Replicas, requestsKnown = true): Health {
  const verdict = judgeHealth(requestsKnown ? inbound : undefined, replicas);
  const health: Health = requestsKnown
    ? { status: verdict.status, reasons: verdict.reasons }
    : {
        status: worstStatus("unknown", verdict.status),
        reasons: ["request figures unavailable: Prometheus did not answer", ...verdict.reasons],
      };
  if (inbound && verdict.shares)
    health.requests = { rate: inbound.total, errorPct: round1(percentOf(inbound.error, inbound.total)) };
  if (replicas) health.replicas = replicas;
  return health;
}
