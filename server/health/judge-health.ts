/**
 * Health with Kiali's default thresholds (kiali-parity.md), one judgement for every page: the
 * graph judges a node (server/graph/apply-health.ts), the inventory an application, workload
 * or service (server/inventory/health.ts), both from inbound requests over a window and the
 * replicas of the workloads behind it:
 *
 * | signal                      | degraded | failure |
 * | 5xx (and gRPC errors)       | > 0 %    | ≥ 10 %  |
 * | 4xx                         | ≥ 10 %   | ≥ 20 %  |
 * | no response (code 0)        |    —     | ≥ 10 %  |
 * | available replicas          | < wanted | 0       |
 *
 * With neither requests nor replicas to judge the status is "na"; a roll-up takes the worst.
 */
import "server-only";
import type { HealthStatus } from "@/lib/contracts/graph";
import { classRate, type ClassTotals } from "./response-classes";

/** `part` as a percentage of `whole`; 0 when there is no whole. */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? (part / whole) * 100 : 0;
}

/** Inbound shares (%) of server errors, client errors and no response: what the thresholds judge. */
export interface RequestShares {
  serverErr: number;
  clientErr: number;
  noResponse: number;
}

export function requestShares(t: ClassTotals): RequestShares {
  return {
    serverErr: percentOf(classRate(t, "5xx") + classRate(t, "Err"), t.total),
    clientErr: percentOf(classRate(t, "4xx"), t.total),
    noResponse: percentOf(classRate(t, "NoResponse"), t.total),
  };
}

interface Threshold {
  label: string;
  share: (s: RequestShares) => number;
  degraded?: (pct: number) => boolean;
  failure: (pct: number) => boolean;
  limits: string;
}

const requestThresholds: readonly Threshold[] = [
  {
    label: "5xx",
    share: (s) => s.serverErr,
    degraded: (p) => p > 0,
    failure: (p) => p >= 10,
    limits: "degraded > 0%, failure ≥ 10%",
  },
  {
    label: "4xx",
    share: (s) => s.clientErr,
    degraded: (p) => p >= 10,
    failure: (p) => p >= 20,
    limits: "degraded ≥ 10%, failure ≥ 20%",
  },
  { label: "no response", share: (s) => s.noResponse, failure: (p) => p >= 10, limits: "failure ≥ 10%" },
];

// Unknown ranks above healthy: with an input missing, a roll-up must not claim "healthy".
const rank: Record<HealthStatus, number> = { na: 0, healthy: 1, unknown: 2, degraded: 3, failure: 4 };

/** The worse of two statuses. */
export const worstStatus = (a: HealthStatus, b: HealthStatus): HealthStatus => (rank[b] > rank[a] ? b : a);

export interface Replicas {
  desired: number;
  available: number;
}

export interface HealthVerdict {
  status: HealthStatus;
  /** Why the status is not healthy, one line per signal that tripped. */
  reasons: string[];
  /** The shares judged; absent when there were no inbound requests. */
  shares?: RequestShares;
}

/**
 * The status from inbound request totals (undefined or a zero total: no requests in the
 * window) and the replicas of the workloads behind the item (undefined: none to judge).
 */
export function judgeHealth(inbound: ClassTotals | undefined, replicas: Replicas | undefined): HealthVerdict {
  const verdict: HealthVerdict = { status: "na", reasons: [] };
  const judge = (status: HealthStatus, reason: () => string) => {
    if (status !== "healthy") verdict.reasons.push(reason());
    verdict.status = worstStatus(verdict.status, status);
  };
  if (inbound && inbound.total > 0) {
    const shares = (verdict.shares = requestShares(inbound));
    for (const t of requestThresholds) {
      const pct = t.share(shares);
      judge(
        t.failure(pct) ? "failure" : t.degraded?.(pct) ? "degraded" : "healthy",
        () => `${t.label} ${pct.toFixed(1)}% (${t.limits})`,
      );
    }
  }
  if (replicas) {
    const { desired, available } = replicas;
    judge(
      desired > 0 && available === 0 ? "failure" : available < desired ? "degraded" : "healthy",
      () => `${available}/${desired} replicas available`,
    );
  }
  return verdict;
}
