/**
 * Authorization replay: the callers Prometheus saw calling the workloads a proposed
 * AuthorizationPolicy applies to, each judged twice — with the live policies and with the
 * proposed one applied (evaluate-authorization.ts) — so the user sees, before applying, exactly
 * which real callers it would deny, with their request rates.
 */
import "server-only";
import type { AuthorizationReplay, ReplayedCaller } from "@/lib/contracts/security";
import type { AuthorizationPolicy } from "@/lib/istio/types";
import type { PromSample } from "@/server/adapters/prometheus";
import { objectYaml } from "@/server/audit/object-yaml";
import { TopsailError } from "@/server/errors";
import { policiesForWorkload, policyAppliesTo, withProposed, type WorkloadRef } from "./applicable-policies";
import { evaluateAuthorization } from "./evaluate-authorization";
import { observedCallsQuery, toObservedCalls } from "./observed-callers";

/** What the replay reads from the cluster cache. */
export interface SecurityInventory {
  /** The cluster's namespaces: a policy for one that does not exist is refused before Prometheus is asked. */
  namespaces: string[];
  workloads: WorkloadRef[];
  authorizationPolicies: AuthorizationPolicy[];
  rootNamespace: string;
}

export interface ReplayDeps {
  loadInventory(): Promise<SecurityInventory>;
  queryVector(promql: string): Promise<PromSample[]>;
}

export const replayNotes = [
  "Istio's standard metrics carry the caller's identity, not its requests' paths, methods, hosts or ports: a rule on those is shown as undecidable unless its source alone decides.",
  "Only callers seen in the window are listed: a caller that did not call then (a nightly job, a rare admin call) is not.",
  "Plaintext callers (no mutual TLS) have no principal: a policy cannot name them one by one.",
];

const rank = (c: ReplayedCaller) =>
  c.after.decision === "deny" && c.before.decision !== "deny" ? 0 : c.after.decision === "deny" ? 1 : 2;

function uniqueWorkloads(workloads: readonly WorkloadRef[]): WorkloadRef[] {
  const byKey = new Map<string, WorkloadRef>();
  for (const w of workloads) if (!byKey.has(`${w.namespace}/${w.name}`)) byKey.set(`${w.namespace}/${w.name}`, w);
  return [...byKey.values()];
}

export function requireNamespace(inventory: SecurityInventory, namespace: string): void {
  if (!inventory.namespaces.includes(namespace))
    throw new TopsailError("not_found", `Namespace "${namespace}" not found`, { details: { namespaces: [namespace] } });
}

/**
 * Each observed call to a workload `applies` selects, judged with the `before` and the `after` policies: the replay
 * compares the live policies with a proposed one applied; a live policy's current effect compares the policies
 * without it with the live ones (policy-effect.ts).
 */
export function judgeObservedCalls(
  inventory: SecurityInventory,
  samples: readonly PromSample[],
  applies: (workload: WorkloadRef) => boolean,
  before: readonly AuthorizationPolicy[],
  after: readonly AuthorizationPolicy[],
): ReplayedCaller[] {
  const workloads = uniqueWorkloads(inventory.workloads);
  const callers: ReplayedCaller[] = [];
  for (const call of toObservedCalls(samples)) {
    // A destination the cache no longer holds has no labels: only selector-less policies reach it.
    const destination = workloads.find(
      (w) => w.namespace === call.destination.namespace && w.name === call.destination.workload,
    ) ?? { namespace: call.destination.namespace, name: call.destination.workload, labels: {} };
    if (!applies(destination)) continue;
    const identity = { principal: call.source.principal };
    callers.push({
      ...call,
      before: evaluateAuthorization(policiesForWorkload(before, destination, inventory.rootNamespace), identity),
      after: evaluateAuthorization(policiesForWorkload(after, destination, inventory.rootNamespace), identity),
    });
  }
  return callers.sort((a, b) => rank(a) - rank(b) || b.requestsPerSecond - a.requestsPerSecond);
}

/** The workloads of the inventory a policy applies to, once each. */
export function workloadsOf(
  inventory: SecurityInventory,
  policy: AuthorizationPolicy,
): { namespace: string; name: string }[] {
  return uniqueWorkloads(inventory.workloads)
    .filter((w) => policyAppliesTo(policy, w, inventory.rootNamespace))
    .map(({ namespace, name }) => ({ namespace, name }));
}

/** The PromQL of the calls a policy in `namespace` can see: every namespace's for the mesh root namespace. */
export function callsQueryFor(inventory: SecurityInventory, namespace: string, windowSeconds: number): string {
  return observedCallsQuery(namespace === inventory.rootNamespace ? undefined : namespace, windowSeconds);
}

export async function replayAuthorization(
  deps: ReplayDeps,
  proposed: AuthorizationPolicy,
  windowSeconds: number,
): Promise<AuthorizationReplay> {
  const inventory = await deps.loadInventory();
  const namespace = proposed.metadata.namespace ?? "";
  requireNamespace(inventory, namespace);
  const samples = await deps.queryVector(callsQueryFor(inventory, namespace, windowSeconds));
  const callers = judgeObservedCalls(
    inventory,
    samples,
    (w) => policyAppliesTo(proposed, w, inventory.rootNamespace),
    inventory.authorizationPolicies,
    withProposed(inventory.authorizationPolicies, proposed),
  );
  return {
    windowSeconds,
    policyYaml: objectYaml(proposed as unknown as Record<string, unknown>),
    workloads: workloadsOf(inventory, proposed),
    callers,
    notes: replayNotes,
  };
}
