/**
 * One AuthorizationPolicy as its detail page shows it: its action and one-line meaning, whom it applies to (the
 * workloads `policyAppliesTo` picks — the same rule the replay and the sidecars use — or every workload of its
 * namespace or the mesh), each rule in words, its validations, and its current effect: every caller observed over the
 * window to those workloads, judged without this policy and with the live policies, so a user sees whom it allows and
 * whom it denies right now, with their rates. Prometheus not answering leaves the effect's problem beside the rest.
 */
import "server-only";
import type { AuthorizationPolicyDetail, PolicyEffect } from "@/lib/contracts/security";
import type { ValidationCheck } from "@/lib/contracts/validations";
import type { AuthorizationPolicy, PolicyTargetReference } from "@/lib/istio/types";
import { TopsailError } from "@/server/errors";
import { policyAppliesTo, withProposed } from "./applicable-policies";
import { describeAuthorizationPolicy, describeAuthorizationRule } from "./describe-authorization-rule";
import {
  callsQueryFor,
  judgeObservedCalls,
  replayNotes,
  requireNamespace,
  workloadsOf,
  type ReplayDeps,
  type SecurityInventory,
} from "./replay-authorization";

export interface PolicyDetailDeps extends ReplayDeps {
  validate(policy: AuthorizationPolicy): Promise<ValidationCheck[]>;
}

const targetText = (ref: PolicyTargetReference) => `${ref.kind ?? "?"} ${ref.name ?? "?"}`;

const labelsText = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");

/** Whom the policy applies to, in words. */
export function policyScope(policy: AuthorizationPolicy, rootNamespace: string): string {
  const spec = policy.spec ?? {};
  const refs = [...(spec.targetRef ? [spec.targetRef] : []), ...(spec.targetRefs ?? [])];
  if (refs.length > 0) return `The ${refs.map(targetText).join(", ")} it targets (a gateway or waypoint), not sidecars`;
  const namespace = policy.metadata.namespace ?? "";
  const selector = spec.selector?.matchLabels ?? {};
  const where = namespace === rootNamespace ? "in every namespace of the mesh" : `in namespace ${namespace}`;
  if (Object.keys(selector).length === 0)
    return namespace === rootNamespace ? "All workloads in the mesh" : `All workloads in namespace ${namespace}`;
  return `Workloads labelled ${labelsText(selector)} ${where}`;
}

/** The policy's effect now: without it (`before`) and with the live policies (`after`). */
export function policyEffectOf(
  inventory: SecurityInventory,
  policy: AuthorizationPolicy,
  samples: Parameters<typeof judgeObservedCalls>[1],
  windowSeconds: number,
): PolicyEffect {
  const same = (p: AuthorizationPolicy) =>
    p.metadata.namespace === policy.metadata.namespace && p.metadata.name === policy.metadata.name;
  const live = withProposed(inventory.authorizationPolicies, policy);
  const callers = judgeObservedCalls(
    inventory,
    samples,
    (w) => policyAppliesTo(policy, w, inventory.rootNamespace),
    live.filter((p) => !same(p)),
    live,
  );
  return { windowSeconds, callers, notes: replayNotes };
}

export async function readPolicyDetail(
  deps: PolicyDetailDeps,
  ref: { namespace: string; name: string },
  windowSeconds: number,
): Promise<AuthorizationPolicyDetail> {
  const inventory = await deps.loadInventory();
  requireNamespace(inventory, ref.namespace);
  const policy = inventory.authorizationPolicies.find(
    (p) => p.metadata.namespace === ref.namespace && p.metadata.name === ref.name,
  );
  if (!policy)
    throw new TopsailError(
      "not_found",
      `AuthorizationPolicy ${ref.namespace}/${ref.name} does not exist (it may have been deleted).`,
    );
  const spec = policy.spec ?? {};
  const action = spec.action ?? "ALLOW";
  const rules = spec.rules ?? [];
  const [checks, effect] = await Promise.all([
    deps.validate(policy),
    deps.queryVector(callsQueryFor(inventory, ref.namespace, windowSeconds)).then(
      (samples) => policyEffectOf(inventory, policy, samples, windowSeconds),
      (error: unknown): PolicyEffect => ({
        windowSeconds,
        problem: `The observed callers could not be read from Prometheus: ${error instanceof Error ? error.message : String(error)}`,
      }),
    ),
  ]);
  return {
    namespace: ref.namespace,
    name: ref.name,
    action,
    ...(spec.provider?.name ? { provider: spec.provider.name } : {}),
    summary: describeAuthorizationPolicy(action, rules),
    scope: policyScope(policy, inventory.rootNamespace),
    meshWide: ref.namespace === inventory.rootNamespace,
    targetRefs: [...(spec.targetRef ? [spec.targetRef] : []), ...(spec.targetRefs ?? [])].map(targetText),
    workloads: workloadsOf(inventory, policy),
    rules: rules.map(describeAuthorizationRule),
    checks,
    effect,
  };
}
