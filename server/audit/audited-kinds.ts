/**
 * Every kind Topsail can write, and what the audit log records of it, as data: a new kind
 * is a new row.
 *
 * Istio config (every kind in lib/istio/kinds.ts; the editor writes them all) is recorded as
 * the whole object, and two versions differ when their spec, labels or annotations do — the
 * write path's own `sameContent` (server/istio-config/plan-istio-changes.ts). A Namespace or
 * a Deployment is recorded only by its sidecar-injection settings, in the shape
 * server/sidecar-injection/set-injection.ts records them:
 *   Namespace:  { "metadata.labels": { "istio-injection": value|null, "istio.io/rev": value|null } }
 *   Deployment: { "spec.template.metadata.annotations": { "sidecar.istio.io/inject": value|null } }
 * `istio.io/rev` is watched although Topsail does not write it: istiod's injector reads it
 * (a revision label turns injection on where `istio-injection` is absent — see
 * sim/admission/sidecar-injection/injection-policy.ts), so changing it changes injection.
 */
import "server-only";
import { isDeepStrictEqual } from "node:util";
import { istioKinds } from "@/lib/istio/kinds";
import type { AuditObject } from "@/server/adapters/db/audit-entries";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { sameContent as sameIstioContent } from "@/server/istio-config/plan-istio-changes";
import { NAMESPACE_LABEL, WORKLOAD_ANNOTATION } from "@/server/sidecar-injection/set-injection";

export interface AuditedKind {
  kind: string;
  /**
   * Whether the object itself is what is audited (Istio config: its creation and deletion are
   * changes), or only some of its fields (a Namespace or Deployment: only injection settings).
   */
  wholeObject: boolean;
  /** The object as the audit log records it. */
  record(object: Record<string, unknown>): AuditObject;
  /** Whether two recorded versions hold the same audited content (a status update does not change it). */
  sameContent(a: AuditObject, b: AuditObject): boolean;
  /** What the log records of an object before it had any of the audited fields; null for whole objects. */
  absent: AuditObject | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The object as the write path's types see it; a recorded object without metadata compares as one with empty metadata.
 */
function asIstioObject(object: AuditObject): StoredIstioObject {
  return { ...object, metadata: isRecord(object.metadata) ? object.metadata : {} } as StoredIstioObject;
}

function istioRow(kind: string): AuditedKind {
  return {
    kind,
    wholeObject: true,
    record: (object) => ({ ...object, kind }),
    sameContent: (a, b) => sameIstioContent(asIstioObject(a), asIstioObject(b)),
    absent: null,
  };
}

/** The values of `keys` under the dotted `field` of an object (a missing key is null). */
function valuesAt(
  object: Record<string, unknown>,
  field: string,
  keys: readonly string[],
): Record<string, string | null> {
  let node: unknown = object;
  for (const part of field.split(".")) node = isRecord(node) ? node[part] : undefined;
  const values = isRecord(node) ? node : {};
  return Object.fromEntries(keys.map((key) => [key, typeof values[key] === "string" ? values[key] : null]));
}

/**
 * Injection settings compare key by key, over the keys both versions record: an entry
 * written by the injection toggle records only the key it sets, and says nothing about the
 * others.
 */
function sameInjectionValues(field: string) {
  return (a: AuditObject, b: AuditObject): boolean => {
    const left = isRecord(a[field]) ? a[field] : {};
    const right = isRecord(b[field]) ? b[field] : {};
    return Object.keys(left)
      .filter((key) => key in right)
      .every((key) => isDeepStrictEqual(left[key] ?? null, right[key] ?? null));
  };
}

function injectionRow(kind: string, field: string, keys: readonly string[]): AuditedKind {
  return {
    kind,
    wholeObject: false,
    record: (object) => ({ [field]: valuesAt(object, field, keys) }),
    sameContent: sameInjectionValues(field),
    absent: { [field]: Object.fromEntries(keys.map((key) => [key, null])) },
  };
}

export const auditedKinds: readonly AuditedKind[] = [
  ...istioKinds.map((info) => istioRow(info.kind)),
  injectionRow("Namespace", "metadata.labels", [NAMESPACE_LABEL, "istio.io/rev"]),
  injectionRow("Deployment", "spec.template.metadata.annotations", [WORKLOAD_ANNOTATION]),
];

export function findAuditedKind(kind: string): AuditedKind | undefined {
  return auditedKinds.find((row) => row.kind === kind);
}

/**
 * Where an object's entries are filed: a Namespace is filed under
 * its own name as namespace, as the injection toggle files it.
 */
export function auditRef(
  kind: string,
  object: { namespace?: string; name: string },
): { kind: string; namespace: string; name: string } {
  return { kind, namespace: object.namespace ?? object.name, name: object.name };
}
