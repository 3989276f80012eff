/**
 * Pure planning of a set of Istio changes: what each change does to the live object
 * (create, update, delete, nothing), whether the user edited a version that is no longer
 * live, and the order that keeps traffic safe while the changes land one by one:
 * - DestinationRules (and other referenced kinds) that add subsets go before the
 *   VirtualServices that route to them, so traffic never points at a missing subset;
 * - DestinationRules that drop subsets go after the VirtualServices, which stop using them;
 * - deletes of VirtualServices go before deletes of what they reference.
 */
import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";

export interface IstioChange {
  kind: string;
  namespace: string;
  name: string;
  /** The object wanted; null deletes it. */
  desired: StoredIstioObject | null;
  /**
   * What the change was built from: the resourceVersion read (the write is conditioned on
   * it, so if the live object moved on the change is a conflict and nothing is applied), or
   * null when the object was absent (it must still not exist: a create, which the API server
   * refuses with 409 AlreadyExists if someone creates it meanwhile). Absent = whatever is live,
   * only for writers that read the live object right before (the editor's create).
   */
  baseResourceVersion?: string | null;
}

export type ChangeAction = "create" | "update" | "delete" | "unchanged";

export interface PlannedChange {
  change: IstioChange;
  action: ChangeAction;
  live: StoredIstioObject | undefined;
}

export type ChangeConflict = { change: IstioChange; live: StoredIstioObject | undefined; reason: string };

const phaseOf = (planned: PlannedChange): number => {
  const { action, change, live } = planned;
  const isVs = change.kind === "VirtualService";
  if (action === "delete") return isVs ? 3 : 4;
  if (isVs) return 2;
  if (change.kind === "DestinationRule" && action === "update" && dropsSubsets(live, change.desired)) return 3.5;
  return 1;
};

function subsetNames(object: StoredIstioObject | null | undefined): Set<string> {
  const subsets = (object?.spec as { subsets?: { name?: string }[] } | undefined)?.subsets;
  return new Set((Array.isArray(subsets) ? subsets : []).map((s) => s?.name ?? ""));
}

function dropsSubsets(live: StoredIstioObject | undefined, desired: StoredIstioObject | null): boolean {
  const after = subsetNames(desired);
  return [...subsetNames(live)].some((name) => !after.has(name));
}

/** What a user means by "the same object": spec, labels and annotations; server fields are ignored. */
export function sameContent(a: StoredIstioObject, b: StoredIstioObject): boolean {
  return (
    isDeepStrictEqual(a.spec ?? {}, b.spec ?? {}) &&
    isDeepStrictEqual(a.metadata.labels ?? {}, b.metadata.labels ?? {}) &&
    isDeepStrictEqual(
      withoutServerAnnotations(a.metadata.annotations),
      withoutServerAnnotations(b.metadata.annotations),
    )
  );
}

function withoutServerAnnotations(annotations: unknown): Record<string, unknown> {
  const copy = { ...((annotations as Record<string, unknown> | undefined) ?? {}) };
  delete copy["kubectl.kubernetes.io/last-applied-configuration"];
  return copy;
}

export function actionFor(change: IstioChange, live: StoredIstioObject | undefined): ChangeAction {
  if (change.desired === null) return live ? "delete" : "unchanged";
  if (!live) return "create";
  return sameContent(live, change.desired) ? "unchanged" : "update";
}

export function findConflict(change: IstioChange, live: StoredIstioObject | undefined): ChangeConflict | undefined {
  const label = `${change.kind} ${change.namespace}/${change.name}`;
  if (change.baseResourceVersion === undefined) return undefined;
  if (change.baseResourceVersion === null) {
    return live
      ? { change, live, reason: `${label} was created by someone else since you started editing it` }
      : undefined;
  }
  if (!live) return { change, live, reason: `${label} was deleted by someone else since you started editing it` };
  if (live.metadata.resourceVersion !== change.baseResourceVersion) {
    return {
      change,
      live,
      reason: `${label} was changed by someone else since you started editing it (your version ${change.baseResourceVersion}, live ${live.metadata.resourceVersion})`,
    };
  }
  return undefined;
}

export function orderPlannedChanges(planned: PlannedChange[]): PlannedChange[] {
  return planned
    .map((p, index) => ({ p, index }))
    .sort((a, b) => phaseOf(a.p) - phaseOf(b.p) || a.index - b.index)
    .map(({ p }) => p);
}

/**
 * The resourceVersion an update or delete is conditioned on: the base the change was built
 * from, so the API server refuses it (409) if anyone wrote in between — never a version read
 * later, which would make the write overwrite that change.
 */
export function writeResourceVersion(planned: PlannedChange): string | undefined {
  return typeof planned.change.baseResourceVersion === "string"
    ? planned.change.baseResourceVersion
    : planned.live?.metadata.resourceVersion;
}

/** The object to write: the desired content under the change's name, conditioned on writeResourceVersion. */
export function objectToWrite(planned: PlannedChange): StoredIstioObject {
  const desired = planned.change.desired;
  if (!desired) throw new Error("objectToWrite called for a delete");
  const metadata = { ...desired.metadata, name: planned.change.name, namespace: planned.change.namespace };
  if (planned.live) metadata.resourceVersion = writeResourceVersion(planned);
  return { ...desired, kind: planned.change.kind, metadata };
}
