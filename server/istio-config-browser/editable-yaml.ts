/**
 * What a user edits: the object without the fields the API server manages. The editor, the
 * diff and the three-way merge all compare this form, so a new resourceVersion or
 * managedFields entry is never shown as "a change", and a pasted `kubectl get -o yaml`
 * cannot smuggle a stale resourceVersion or uid into a write. `finalizers` and
 * `ownerReferences` stay visible (an update must keep what is live); the write path refuses
 * any the live object does not have (server/istio-config/lifecycle-metadata.ts).
 */
import "server-only";
import { stringify } from "yaml";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";

const SERVER_METADATA = [
  "resourceVersion",
  "uid",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "managedFields",
  "selfLink",
] as const;

/** Any object with metadata, minus server fields and status (written by istiod, not users). */
export function toEditableObject<T extends { metadata?: unknown }>(object: T): T {
  const { status: _status, ...rest } = object as T & { status?: unknown };
  const metadata = { ...((rest.metadata as Record<string, unknown> | undefined) ?? {}) };
  for (const field of SERVER_METADATA) delete metadata[field];
  return { ...rest, metadata } as T;
}

/** YAML in kubectl's order (apiVersion, kind, metadata, spec, rest), long strings unfolded. */
export function toYamlText(object: Record<string, unknown>): string {
  const { apiVersion, kind, metadata, spec, ...rest } = object;
  const ordered: Record<string, unknown> = { apiVersion, kind, metadata };
  if (spec !== undefined) ordered.spec = spec;
  Object.assign(ordered, rest);
  return stringify(ordered, { lineWidth: 0, indentSeq: false });
}

export function toEditableYaml(object: StoredIstioObject): string {
  return toYamlText(toEditableObject(object));
}
