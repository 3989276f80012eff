/**
 * Preview and apply of the Security form's AuthorizationPolicy through the one write path
 * (server/istio-config: validate → dry-run → audit intent → write). As the traffic wizards do
 * (server/traffic/run-wizard.ts), the write is conditioned on the resourceVersion this request
 * read — null when the policy was absent — so a policy changed meanwhile is a 409, never
 * overwritten. The form owns the spec; the live object's labels and annotations are kept.
 */
import "server-only";
import type { AppliedPolicy, AuthorizationPolicyFields } from "@/lib/contracts/security";
import type { WizardPreview } from "@/lib/contracts/traffic";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { toObjectChange } from "@/server/audit/object-changes";
import type { ChangeOutcome, ChangePreview, IstioChange, WriteRequest } from "@/server/istio-config";
import { buildAuthorizationPolicy } from "./build-authorization-policy";

export interface PolicyWriteDeps {
  getLive(namespace: string, name: string): Promise<StoredIstioObject | null>;
  preview(request: WriteRequest): Promise<ChangePreview>;
  apply(request: WriteRequest): Promise<ChangeOutcome[]>;
}

async function planPolicy(deps: PolicyWriteDeps, form: AuthorizationPolicyFields): Promise<IstioChange> {
  const live = await deps.getLive(form.namespace, form.name);
  const built = buildAuthorizationPolicy(form);
  const desired = {
    ...(live ?? {}),
    apiVersion: live?.apiVersion ?? built.apiVersion,
    kind: built.kind,
    metadata: { ...(live?.metadata ?? {}), name: form.name, namespace: form.namespace },
    spec: built.spec as Record<string, unknown>,
  } as StoredIstioObject;
  return {
    kind: "AuthorizationPolicy",
    namespace: form.namespace,
    name: form.name,
    desired,
    baseResourceVersion: live?.metadata.resourceVersion ?? null,
  };
}

export async function previewPolicy(
  deps: PolicyWriteDeps,
  form: AuthorizationPolicyFields,
  comment?: string,
): Promise<WizardPreview> {
  const preview = await deps.preview({ changes: [await planPolicy(deps, form)], source: "wizard", comment });
  return {
    changes: preview.outcomes.map(toObjectChange),
    validations: preview.validations,
    routeRisks: preview.routeRisks,
  };
}

export async function applyPolicy(
  deps: PolicyWriteDeps,
  form: AuthorizationPolicyFields,
  comment?: string,
): Promise<AppliedPolicy> {
  const outcomes = await deps.apply({ changes: [await planPolicy(deps, form)], source: "wizard", comment });
  return { changes: outcomes.map(toObjectChange) };
}
