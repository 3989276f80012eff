/**
 * Circuit breaker: owns seven fields of the DestinationRule's top-level trafficPolicy —
 * connectionPool.tcp.maxConnections, connectionPool.http.http1MaxPendingRequests and
 * maxRequestsPerConnection, outlierDetection.consecutive5xxErrors, interval,
 * baseEjectionTime and maxEjectionPercent. A null field is removed (Istio's default applies);
 * every other policy field (TLS, load balancer, connectTimeout, subsets' own policies) stays.
 */
import "server-only";
import type { CircuitBreakerInput } from "@/lib/contracts/traffic";
import type { TrafficPolicy } from "@/lib/istio/types";
import { clone, newDestinationRule, type WizardBuilt, type WizardExisting, type WizardReading } from "./common";

type Section = "tcp" | "http" | "outlier";

/** Where each field lives, as data: a new field is a new row. */
const fieldPaths: Record<keyof CircuitBreakerInput, Section> = {
  maxConnections: "tcp",
  http1MaxPendingRequests: "http",
  maxRequestsPerConnection: "http",
  consecutive5xxErrors: "outlier",
  interval: "outlier",
  baseEjectionTime: "outlier",
  maxEjectionPercent: "outlier",
};

function sectionOf(policy: TrafficPolicy, section: Section): Record<string, unknown> | undefined {
  if (section === "outlier") return policy.outlierDetection as Record<string, unknown> | undefined;
  return policy.connectionPool?.[section] as Record<string, unknown> | undefined;
}

export function readCircuitBreaker(existing: WizardExisting): WizardReading<CircuitBreakerInput> {
  const policy = existing.destinationRule?.spec?.trafficPolicy ?? {};
  const input = Object.fromEntries(
    (Object.keys(fieldPaths) as (keyof CircuitBreakerInput)[]).map((field) => [
      field,
      sectionOf(policy, fieldPaths[field])?.[field] ?? null,
    ]),
  ) as CircuitBreakerInput;
  return { supported: true, input };
}

const isEmpty = (value: object | undefined) => value !== undefined && Object.keys(value).length === 0;

export function buildCircuitBreaker(existing: WizardExisting, input: CircuitBreakerInput): WizardBuilt {
  const dr = existing.destinationRule ? clone(existing.destinationRule) : newDestinationRule(existing.service);
  const policy: TrafficPolicy = dr.spec?.trafficPolicy ?? {};
  for (const field of Object.keys(fieldPaths) as (keyof CircuitBreakerInput)[]) {
    const section = fieldPaths[field];
    const value = input[field];
    if (section === "outlier") {
      const target = (policy.outlierDetection ??= {}) as Record<string, unknown>;
      if (value === null) delete target[field];
      else target[field] = value;
    } else {
      const pool = (policy.connectionPool ??= {});
      const target = (pool[section] ??= {}) as Record<string, unknown>;
      if (value === null) delete target[field];
      else target[field] = value;
    }
  }
  // Sections the wizard emptied go away, so removing a breaker leaves no `{}` behind.
  if (policy.connectionPool) {
    if (isEmpty(policy.connectionPool.tcp)) delete policy.connectionPool.tcp;
    if (isEmpty(policy.connectionPool.http)) delete policy.connectionPool.http;
    if (isEmpty(policy.connectionPool)) delete policy.connectionPool;
  }
  if (isEmpty(policy.outlierDetection)) delete policy.outlierDetection;
  const spec = { ...dr.spec };
  if (isEmpty(policy)) delete spec.trafficPolicy;
  else spec.trafficPolicy = policy;
  dr.spec = spec;
  // No DestinationRule and nothing to set: nothing to create.
  if (!existing.destinationRule && !spec.trafficPolicy) return {};
  return { destinationRule: dr };
}
