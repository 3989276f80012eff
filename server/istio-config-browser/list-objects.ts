/**
 * The config list: every Istio object of the given namespaces with its validation state
 * and what it refers to, from one read of the mesh (the validation engine's context).
 * WorkloadGroups are not validated (no rule reads them) but are listed all the same.
 */
import "server-only";
import type { IstioObjectList, IstioObjectSummary } from "@/lib/contracts/istio-objects";
import type { ObjectValidation } from "@/lib/contracts/validations";
import type { KubeConnection } from "@/server/adapters/kube";
import { listIstioObjects } from "@/server/adapters/kube/istio-objects";
import { configObjectsOf, loadValidationContext, validateObject, type ValidationContext } from "@/server/validation";
import type { ValidatableObject } from "@/server/validation/types";
import { namespaceOf } from "@/server/validation/types";
import { findReferences } from "./object-references";

function summarize(
  object: ValidatableObject,
  validation: ObjectValidation,
  context: ValidationContext,
): IstioObjectSummary {
  const metadata = (object.metadata ?? {}) as { resourceVersion?: string; creationTimestamp?: unknown };
  return {
    kind: object.kind,
    namespace: namespaceOf(object),
    name: object.metadata?.name ?? "",
    resourceVersion: metadata.resourceVersion,
    createdAt: typeof metadata.creationTimestamp === "string" ? metadata.creationTimestamp : undefined,
    valid: validation.valid,
    errors: validation.checks.filter((c) => c.severity === "error").length,
    warnings: validation.checks.filter((c) => c.severity === "warning").length,
    checks: validation.checks,
    references: findReferences(object, context),
  };
}

export async function listObjectSummaries(
  connection: KubeConnection,
  namespaces: readonly string[],
): Promise<IstioObjectList> {
  const wanted = new Set(namespaces);
  const [context, workloadGroups] = await Promise.all([
    loadValidationContext(connection),
    Promise.all(namespaces.map((ns) => listIstioObjects(connection, "WorkloadGroup", ns))).then((lists) =>
      lists.flat(),
    ),
  ]);
  const objects = [...configObjectsOf(context).filter((o) => wanted.has(namespaceOf(o))), ...workloadGroups]
    .map((object) => summarize(object, validateObject(object, context), context))
    .sort(
      (a, b) => a.namespace.localeCompare(b.namespace) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
    );
  return { objects };
}
