/**
 * UO, upstream overflow: the caller's proxy refused the request because the host's
 * connection pool was full — the DestinationRule's `connectionPool` limits (Istio leaves
 * them at 2^32−1 otherwise, so without a limit UO does not happen). With HTTP/1.1 upstream
 * (Istio's default) one connection carries one request at a time, so a client proxy holds at
 * most min(maxConnections, http2MaxRequests) requests in flight and http1MaxPendingRequests
 * waiting; the rest overflow. The limits are per client proxy (each caller pod counts alone).
 *
 * The concurrency that met the limits is Little's law at the caller's proxy: requests/s ×
 * mean duration = requests in flight on average (the simulator and many meshes do not export
 * Envoy's `upstream_rq_active` gauge, and the Istio metrics are there for every edge). An
 * average at or above the limits explains the overflow outright; below them, bursts do.
 */
import "server-only";
import type { ConnectionPoolSettings } from "@/lib/istio/types";
import { trafficPoliciesOf } from "./explain-flags-config";
import { nameOf, type CauseAt, type FlagRule } from "./explain-flags-types";
import { formatDurationMs, formatRate } from "@/lib/graph-view/edge-labels";

/** The limits that can overflow, as rows: a new limit is a new row. */
const limitFields: { path: string; read: (p: ConnectionPoolSettings) => number | undefined; words: string }[] = [
  { path: "tcp/maxConnections", read: (p) => p.tcp?.maxConnections, words: "connections" },
  {
    path: "http/http1MaxPendingRequests",
    read: (p) => p.http?.http1MaxPendingRequests,
    words: "requests waiting for a connection",
  },
  { path: "http/http2MaxRequests", read: (p) => p.http?.http2MaxRequests, words: "requests in flight" },
  { path: "http/maxRetries", read: (p) => p.http?.maxRetries, words: "retries in flight" },
];

export const explainOverflow: FlagRule = ({ scope, observed }) => {
  const causes: CauseAt[] = [];
  const limits = new Map<string, number>();
  const scopes = new Set<string>();
  for (const at of trafficPoliciesOf(scope)) {
    const pool = at.policy.connectionPool;
    if (!pool) continue;
    for (const field of limitFields) {
      const value = field.read(pool);
      if (typeof value !== "number" || value <= 0) continue;
      causes.push({ object: at.dr, path: `${at.path}/connectionPool/${field.path}`, value: String(value) });
      const key = field.path.split("/")[1] as string;
      limits.set(key, Math.min(value, limits.get(key) ?? Infinity));
      scopes.add(at.scope);
    }
  }
  const figures = concurrencyFigures(observed);
  if (causes.length === 0)
    return {
      explained: false,
      because: [
        `No DestinationRule of ${scope.service} (${scope.namespace}) sets connectionPool limits, and Istio's defaults ` +
          `(2^32−1) do not overflow: the limits may be set by an EnvoyFilter, or the DestinationRule was removed ` +
          `after the window's requests were made.`,
      ],
      causes,
      figures,
    };
  const dr = (causes[0] as CauseAt).object;
  const active = Math.min(limits.get("maxConnections") ?? Infinity, limits.get("http2MaxRequests") ?? Infinity);
  const pending = limits.get("http1MaxPendingRequests");
  const capacity = Number.isFinite(active) && pending !== undefined ? active + pending : undefined;
  const set = causes.map((c) => `${c.path.split("/").pop()} ${c.value}`).join(", ");
  const because = [
    `${nameOf(dr)} limits the connection pool (${set}, for ${[...scopes].join(" and ")}): each calling pod's ` +
      `proxy lets ${Number.isFinite(active) ? `at most ${active}` : "a bounded number of"} request${active === 1 ? "" : "s"} ` +
      `through at once${pending !== undefined ? ` and ${pending} wait${pending === 1 ? "s" : ""}` : ""}; ` +
      `anything beyond that is refused with 503 UO without reaching ${scope.service}.`,
  ];
  if (observed.concurrency !== undefined) {
    const over = capacity !== undefined ? observed.concurrency >= capacity : observed.concurrency > active;
    because.push(
      `The caller kept ${formatRate(observed.concurrency)} requests in flight on average ` +
        `(${formatRate(observed.requestRate)} requests/s × ${formatDurationMs(observed.meanDurationMs ?? 0)} mean duration, ` +
        `Little's law)` +
        (over
          ? `, more than the pool holds.`
          : `: more than ${Number.isFinite(active) ? active : "the limit"} at once in bursts, which is what overflows.`),
    );
  }
  return { explained: true, because, causes, figures };
};

function concurrencyFigures(observed: { concurrency?: number; requestRate: number; meanDurationMs?: number }) {
  if (observed.concurrency === undefined) return [];
  return [
    {
      label: "Observed concurrency",
      value: `${formatRate(observed.concurrency)} requests in flight (Little's law: ${formatRate(observed.requestRate)} requests/s × ${formatDurationMs(observed.meanDurationMs ?? 0)})`,
    },
  ];
}
