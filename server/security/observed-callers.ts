/**
 * The callers a destination's proxy saw over a window, from Istio's standard metrics:
 * `istio_requests_total{reporter="destination"}` grouped by the peer's identity and the
 * destination workload. The destination's proxy is the one that enforces authorization, so its
 * report is the one to replay. A peer without mutual TLS (`connection_security_policy` other than
 * `mutual_tls`) presented no certificate: it has no principal, whatever the label says.
 */
import "server-only";
import type { PromSample } from "@/server/adapters/prometheus";
import { selector, sumRate, type LabelMatcher } from "@/server/adapters/prometheus/promql";

export interface ObservedCall {
  source: { workload: string; namespace: string; principal: string | null };
  destination: { workload: string; namespace: string };
  protocol: string;
  requestsPerSecond: number;
}

const callLabels = [
  "source_principal",
  "source_workload",
  "source_workload_namespace",
  "destination_workload",
  "destination_workload_namespace",
  "request_protocol",
  "connection_security_policy",
] as const;

/** `namespace` undefined: every namespace (a policy in the mesh root namespace). */
export function observedCallsQuery(namespace: string | undefined, windowSeconds: number): string {
  const matchers: LabelMatcher[] = [{ label: "reporter", op: "=", value: "destination" }];
  if (namespace !== undefined) matchers.push({ label: "destination_workload_namespace", op: "=", value: namespace });
  return sumRate(selector("istio_requests_total", matchers), windowSeconds, callLabels);
}

const SPIFFE = "spiffe://";

function principalOf(labels: Record<string, string>): string | null {
  const principal = labels.source_principal ?? "";
  if (labels.connection_security_policy !== "mutual_tls" || principal === "" || principal === "unknown") return null;
  // Policies name principals without the scheme (cluster.local/ns/<ns>/sa/<sa>).
  return principal.startsWith(SPIFFE) ? principal.slice(SPIFFE.length) : principal;
}

/** Samples → calls; a series without requests in the window (rate 0) is no caller. */
export function toObservedCalls(samples: readonly PromSample[]): ObservedCall[] {
  const byKey = new Map<string, ObservedCall>();
  for (const { labels, value } of samples) {
    if (!(value > 0)) continue;
    const call: ObservedCall = {
      source: {
        workload: labels.source_workload ?? "unknown",
        namespace: labels.source_workload_namespace ?? "unknown",
        principal: principalOf(labels),
      },
      destination: {
        workload: labels.destination_workload ?? "unknown",
        namespace: labels.destination_workload_namespace ?? "unknown",
      },
      protocol: labels.request_protocol ?? "http",
      requestsPerSecond: value,
    };
    const key = JSON.stringify([call.source, call.destination, call.protocol]);
    const seen = byKey.get(key);
    if (seen) seen.requestsPerSecond += value;
    else byKey.set(key, call);
  }
  return [...byKey.values()];
}
