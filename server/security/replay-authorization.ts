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

export async function replayAuthorization(
  deps: ReplayDeps,
  proposed: AuthorizationPolicy,
  windowSeconds: number,
): Promise<AuthorizationReplay> {
  const inventory = await deps.loadInventory();
  const namespace = proposed.metadata.namespace ?? "";
  requireNamespace(inventory, namespace);
  const meshWide = namespace === inventory.rootNamespace;
  const samples = await deps.queryVector(observedCallsQuery(meshWide ? undefined : namespace, windowSeconds));
  const workloads = uniqueWorkloads(inventory.workloads);
  const after = withProposed(inventory.authorizationPolicies, proposed);

  const targets = workloads.filter((w) => policyAppliesTo(proposed, w, inventory.rootNamespace));
  const callers: ReplayedCaller[] = [];
  for (const call of toObservedCalls(samples)) {
    // A destination the cache no longer holds has no labels: only selector-less policies reach it.
    const destination = workloads.find(
      (w) => w.namespace === call.destination.namespace && w.name === call.destination.workload,
    ) ?? { namespace: call.destination.namespace, name: call.destination.workload, labels: {} };
    if (!policyAppliesTo(proposed, destination, inventory.rootNamespace)) continue;
    const identity = { principal: call.source.principal };
    callers.push({
      ...call,
      before: evaluateAuthorization(
        policiesForWorkload(inventory.authorizationPolicies, destination, inventory.rootNamespace),
        identity,
      ),
      after: evaluateAuthorization(policiesForWorkload(after, destination, inventory.rootNamespace), identity),
    });
  }
  callers.sort((a, b) => rank(a) - rank(b) || b.requestsPerSecond - a.requestsPerSecond);
  return {
    windowSeconds,
    policyYaml: objectYaml(proposed as unknown as Record<string, unknown>),
    workloads: targets.map(({ namespace: ns, name }) => ({ namespace: ns, name })),
    callers,
    notes: replayNotes,
  };
}
