/**
 * "Allow only observed callers": an ALLOW policy for a workload (or a whole namespace) naming
 * the principals Prometheus saw calling it over the window, previewed by the same replay. By
 * construction it denies no caller observed in the window: every mTLS caller's principal is
 * named, and plaintext callers — which have no principal to name — are let in by a second
 * rule (`notPrincipals: ["*"]`), with a warning that this lets in every plaintext caller.
 */
import "server-only";
import type { AuthorizationPolicyFields, GeneratedPolicy } from "@/lib/contracts/security";
import { TopsailError } from "@/server/errors";
import { buildAuthorizationPolicy } from "./build-authorization-policy";
import { observedCallsQuery, toObservedCalls } from "./observed-callers";
import { replayAuthorization, requireNamespace, type ReplayDeps } from "./replay-authorization";
import type { WorkloadRef } from "./applicable-policies";

/** Labels Kubernetes or Istio put on every pod: selecting by them would pick other workloads too. */
const podLevelLabel =
  /^(pod-template-hash|controller-revision-hash|security\.istio\.io\/|service\.istio\.io\/|topology\.istio\.io\/)/;

/** `app` (and `version`) when the workload has them, as Istio's samples select; else its own labels. */
export function selectorFor(workload: WorkloadRef): Record<string, string> {
  const { app, version } = workload.labels;
  if (app) return version ? { app, version } : { app };
  return Object.fromEntries(Object.entries(workload.labels).filter(([key]) => !podLevelLabel.test(key)));
}

const policyName = (workload: string | undefined) =>
  (workload ? `allow-observed-${workload}` : "allow-observed-callers").slice(0, 63).replace(/-+$/, "");

export async function generateAllowObserved(
  deps: ReplayDeps,
  target: { namespace: string; workload?: string },
  windowSeconds: number,
): Promise<GeneratedPolicy> {
  const inventory = await deps.loadInventory();
  requireNamespace(inventory, target.namespace);
  const workload = target.workload
    ? inventory.workloads.find((w) => w.namespace === target.namespace && w.name === target.workload)
    : undefined;
  if (target.workload && !workload)
    throw new TopsailError("not_found", `There is no workload ${target.workload} in namespace ${target.namespace}.`);

  const calls = toObservedCalls(await deps.queryVector(observedCallsQuery(target.namespace, windowSeconds))).filter(
    (c) => !target.workload || c.destination.workload === target.workload,
  );
  const principals = [...new Set(calls.flatMap((c) => (c.source.principal ? [c.source.principal] : [])))].sort();
  const plaintext = [
    ...new Set(calls.filter((c) => !c.source.principal).map((c) => `${c.source.namespace}/${c.source.workload}`)),
  ].sort();

  const scope = target.workload ? `${target.namespace}/${target.workload}` : `namespace ${target.namespace}`;
  const warnings: string[] = [];
  if (calls.length === 0)
    warnings.push(`No caller of ${scope} was seen in the window: this policy denies every request to it.`);
  if (plaintext.length > 0)
    warnings.push(
      `${plaintext.join(", ")} call${plaintext.length === 1 ? "s" : ""} without mutual TLS, so ${plaintext.length === 1 ? "it has" : "they have"} no principal to name: the policy lets in every plaintext caller. Make mTLS STRICT to close that.`,
    );
  if (!target.workload)
    warnings.push("One policy for the whole namespace: each workload accepts every caller seen calling any of them.");

  const policy: AuthorizationPolicyFields = {
    namespace: target.namespace,
    name: policyName(target.workload),
    action: "ALLOW",
    selector: workload ? selectorFor(workload) : {},
    principals,
    namespaces: [],
    paths: [],
    methods: [],
    plaintextCallers: plaintext.length > 0,
    // With nothing to name, one empty rule would allow everyone; no rule at all allows no one.
    noRules: principals.length === 0 && plaintext.length === 0,
  };
  return { policy, warnings, replay: await replayAuthorization(deps, buildAuthorizationPolicy(policy), windowSeconds) };
}
