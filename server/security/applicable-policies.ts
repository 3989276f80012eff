/**
 * Which AuthorizationPolicies a workload's sidecar enforces: those in the mesh root namespace
 * (every workload of the mesh, or those their selector picks in any namespace), and those in
 * the workload's own namespace without a selector or whose selector picks it. A policy with
 * `targetRef(s)` binds to a Gateway or waypoint, not to sidecars, so it does not apply here.
 */
import "server-only";
import type { AuthorizationPolicy } from "@/lib/istio/types";

export interface WorkloadRef {
  namespace: string;
  name: string;
  /** The workload's pod labels: what a selector matches against. */
  labels: Readonly<Record<string, string>>;
}

const selects = (selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

export function policyAppliesTo(policy: AuthorizationPolicy, workload: WorkloadRef, rootNamespace: string): boolean {
  const spec = policy.spec ?? {};
  if (spec.targetRef || (spec.targetRefs && spec.targetRefs.length > 0)) return false;
  const namespace = policy.metadata.namespace;
  if (namespace !== rootNamespace && namespace !== workload.namespace) return false;
  return selects(spec.selector?.matchLabels ?? {}, workload.labels);
}

export function policiesForWorkload(
  policies: readonly AuthorizationPolicy[],
  workload: WorkloadRef,
  rootNamespace: string,
): AuthorizationPolicy[] {
  return policies.filter((p) => policyAppliesTo(p, workload, rootNamespace));
}

/** The policies as they will be once `proposed` is applied: it replaces the live one of the same name. */
export function withProposed(
  policies: readonly AuthorizationPolicy[],
  proposed: AuthorizationPolicy,
): AuthorizationPolicy[] {
  const same = (p: AuthorizationPolicy) =>
    p.metadata.namespace === proposed.metadata.namespace && p.metadata.name === proposed.metadata.name;
  return [...policies.filter((p) => !same(p)), proposed];
}
