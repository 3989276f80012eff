/**
 * Metadata that changes an object's life rather than its config: `finalizers` (the object
 * cannot be deleted until something removes them) and `ownerReferences` (the garbage collector
 * deletes the object with its owner). The API server lets any writer set them; a console edit
 * must not add them. The editor shows them (server/istio-config-browser/editable-yaml.ts keeps
 * them, so an update does not drop what is live); this is the one place that decides what a
 * write may carry: only the entries already on the live object.
 */
import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import type { IstioChange } from "./plan-istio-changes";

interface LifecycleField {
  field: "finalizers" | "ownerReferences";
  describe: (entry: unknown) => string;
  why: string;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" ? (value as Record<string, unknown>) : {};

const LIFECYCLE_FIELDS: LifecycleField[] = [
  {
    field: "finalizers",
    describe: (entry) => JSON.stringify(entry),
    why: "finalizers keep an object from being deleted",
  },
  {
    field: "ownerReferences",
    describe: (entry) => `${String(asRecord(entry).kind ?? "?")} ${String(asRecord(entry).name ?? "?")}`,
    why: "an owner makes the garbage collector delete this object with it",
  },
];

const entriesOf = (object: StoredIstioObject | null | undefined, field: string): unknown[] => {
  const value = object?.metadata[field];
  return Array.isArray(value) ? value : [];
};

/** One sentence per added field, saying what was added, why it is refused and what to do. */
export function addedLifecycleMetadata(change: IstioChange, live: StoredIstioObject | undefined): string[] {
  const label = `${change.kind} ${change.namespace}/${change.name}`;
  return LIFECYCLE_FIELDS.flatMap(({ field, describe, why }) => {
    const added = entriesOf(change.desired, field).filter(
      (entry) => !entriesOf(live, field).some((kept) => isDeepStrictEqual(kept, entry)),
    );
    if (added.length === 0) return [];
    return [
      `${label}: metadata.${field} adds ${added.map(describe).join(", ")} — ${why}; Topsail does not add them: remove them from the object (only those already on the live object may stay).`,
    ];
  });
}
