/** Label selectors as Kubernetes and Istio apply them: every key present with the same value. */
import "server-only";
import type { ValidationContext, WorkloadLabels } from "./context";

export function labelsMatch(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/**
 * Workloads a selector picks. Policies in the root namespace reach workloads of every
 * namespace (AuthorizationPolicy, PeerAuthentication, Sidecar defaults); elsewhere a
 * selector only looks in its own namespace.
 */
export function workloadsSelected(
  selector: Readonly<Record<string, string>>,
  namespace: string | "*",
  context: ValidationContext,
): WorkloadLabels[] {
  const pool = namespace === "*" ? context.workloads : (context.workloadsByNamespace.get(namespace) ?? []);
  return pool.filter((w) => labelsMatch(selector, w.labels));
}

/** A string→string record, or undefined when the field is absent or not that shape. */
export function asLabels(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.every(([, v]) => typeof v === "string") ? (value as Record<string, string>) : undefined;
}
