/**
 * Turning sidecar injection on or off, through an audited write:
 *   Namespace: label `istio-injection` = enabled | disabled (null: remove the label);
 *   workload:  the Deployment's pod template annotation `sidecar.istio.io/inject` = "true" |
 *              "false" (null: remove it).
 * Order: read the live object → refuse if it changed since the user saw it (409) → record
 * the intent (pending audit entry: before/after of the field, source "editor"; if the
 * database cannot take it, nothing is patched) → merge patch with that resourceVersion as
 * precondition → resolve the entry with the API server's answer (server/istio-config/
 * audit-intents.ts). Pods only change when they are recreated: a template change rolls the
 * Deployment; a namespace label change applies as pods restart.
 */
import "server-only";
import type { InjectionChange, InjectionResult } from "@/lib/contracts/inventory";
import type { MergeValue, PatchedCoreObject } from "@/server/adapters/kube/patch-core-objects";
import { TopsailError } from "@/server/errors";
import {
  reasonOf,
  recordIntentOrThrow,
  resolveIntentQuietly,
  type AuditIntentDeps,
} from "@/server/istio-config/audit-intents";

export const NAMESPACE_LABEL = "istio-injection";
export const WORKLOAD_ANNOTATION = "sidecar.istio.io/inject";

/** What each target writes, as data: the key, and the value for on / off. */
const targets = {
  Namespace: { key: NAMESPACE_LABEL, on: "enabled", off: "disabled", field: "metadata.labels" },
  Deployment: { key: WORKLOAD_ANNOTATION, on: "true", off: "false", field: "spec.template.metadata.annotations" },
} as const;

export type InjectionTarget =
  { kind: "Namespace"; name: string } | { kind: "Deployment"; namespace: string; name: string };

export function injectionPatch(kind: keyof typeof targets, enabled: boolean | null): Record<string, MergeValue> {
  const t = targets[kind];
  return { [t.key]: enabled === null ? null : enabled ? t.on : t.off };
}

export interface InjectionDeps extends AuditIntentDeps {
  /** The live values of the field the toggle writes, and the object's resourceVersion. */
  read(target: InjectionTarget): Promise<{ values: Record<string, string>; resourceVersion: string }>;
  patch(
    target: InjectionTarget,
    patch: Record<string, MergeValue>,
    resourceVersion: string,
  ): Promise<PatchedCoreObject>;
  actor: string;
}

const namespaceOf = (t: InjectionTarget) => (t.kind === "Namespace" ? t.name : t.namespace);

export async function setInjection(
  deps: InjectionDeps,
  target: InjectionTarget,
  change: InjectionChange,
): Promise<InjectionResult> {
  const live = await deps.read(target);
  if (live.resourceVersion !== change.resourceVersion) {
    throw new TopsailError(
      "conflict",
      `${target.kind} ${target.name} has changed since it was loaded (resourceVersion ${change.resourceVersion}, now ${live.resourceVersion}); reload and try again.`,
      {
        details: { resourceVersion: live.resourceVersion },
      },
    );
  }
  const t = targets[target.kind];
  const patch = injectionPatch(target.kind, change.enabled);
  // The field the toggle owns, before and after: enough to see and undo the change.
  const fieldOf = (value: string | null) => ({ [t.field]: { [t.key]: value } });
  const label = `${target.kind} ${target.name}`;
  const auditId = await recordIntentOrThrow(deps, {
    ...(await deps.cluster()),
    actor: deps.actor,
    action: "update",
    kind: target.kind,
    namespace: namespaceOf(target),
    name: target.name,
    before: fieldOf(live.values[t.key] ?? null),
    after: fieldOf(patch[t.key] ?? null),
    comment: `Sidecar injection ${change.enabled === null ? "reset to the default" : change.enabled ? "enabled" : "disabled"}`,
    source: "editor",
  });
  let patched: PatchedCoreObject;
  try {
    patched = await deps.patch(target, patch, change.resourceVersion);
  } catch (error) {
    await resolveIntentQuietly(deps, auditId, { status: "failed", error: reasonOf(error) }, label);
    throw error;
  }
  const after = target.kind === "Namespace" ? patched.labels : (patched.templateAnnotations ?? {});
  await resolveIntentQuietly(
    deps,
    auditId,
    { status: "applied", after: fieldOf(after[t.key] ?? null), resourceVersion: patched.resourceVersion },
    label,
  );
  return {
    kind: target.kind,
    namespace: namespaceOf(target),
    name: target.name,
    resourceVersion: patched.resourceVersion,
    auditId,
  };
}
