/**
 * Rollback to a version in the audit log, through the one write path: the object the entry
 * recorded (after it, or before it for an undo) becomes the desired object; the user's live
 * resourceVersion is the base, so a rollback over someone else's newer change is a 409; the
 * write is validated, dry-run and audited as action `rollback`, source `rollback`.
 */
import "server-only";
import type { RollbackResult } from "@/lib/contracts/audit";
import type { AuditEntriesDb } from "@/server/adapters/db/audit-entries";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { applyIstioChanges, type IstioWriteDeps } from "@/server/istio-config/apply-istio-changes";
import { TopsailError } from "@/server/errors";
import { toObjectChange } from "@/server/traffic/object-changes";
import { findAuditEntry } from "./audit-history";
import { withoutServerFields } from "./object-yaml";

export interface RollbackDeps {
  db: AuditEntriesDb;
  /** The write path's I/O, recording its audit entries with action `rollback` (see index.ts). */
  write: IstioWriteDeps;
  actor: string;
}

export interface RollbackInput {
  id: string;
  to: "after" | "before";
  baseResourceVersion: string | null;
  comment?: string;
}

export async function rollbackToEntry(deps: RollbackDeps, input: RollbackInput): Promise<RollbackResult> {
  const entry = await findAuditEntry(deps.db, input.id);
  const ref = { kind: entry.kind, namespace: entry.namespace, name: entry.name };
  const label = `${entry.kind} ${entry.namespace}/${entry.name}`;
  const target = withoutServerFields(input.to === "after" ? entry.after : entry.before);
  const live = await deps.write.get(ref);
  if (input.baseResourceVersion === null && live) {
    throw new TopsailError("conflict", `${label} was created by someone else since you looked at it; reload to see the live object.`, { details: { conflicts: [{ ...ref, live }] } });
  }
  if (!target && !live) throw new TopsailError("bad_request", `${label} already does not exist; there is nothing to roll back.`);
  const desired = target ? ({ ...target, kind: entry.kind, metadata: { ...(target.metadata as object), name: entry.name, namespace: entry.namespace } } as StoredIstioObject) : null;
  const when = entry.createdAt.toISOString();
  const comment = input.comment?.trim() || `Rolled back to the version ${input.to === "after" ? "after" : "before"} the change of ${when} (audit entry ${entry.id})`;
  const outcomes = await applyIstioChanges(deps.write, {
    changes: [{ ...ref, desired, ...(input.baseResourceVersion !== null ? { baseResourceVersion: input.baseResourceVersion } : {}) }],
    actor: deps.actor,
    source: "rollback",
    comment,
  });
  return { changes: outcomes.map(toObjectChange) };
}
