/**
 * Rollback to a version in the audit log, through the one write path: the object the entry
 * recorded (after it, or before it for an undo) becomes the desired object; the user's live
 * resourceVersion is the base (null: the user saw no object), so a rollback over someone
 * else's newer change is a 409; the write is validated, dry-run, recorded as an intent
 * first and audited as action `rollback`, source `rollback`. An entry recorded on another
 * cluster is refused before anything is written: its objects are not this cluster's
 * (docs/ARCHITECTURE.md "Identity"). So are entries that describe no change to return to: one
 * that failed (nothing was changed), one still pending (its outcome is not known yet), and
 * a sidecar-injection entry (it records one label or annotation, not an object: the toggle
 * on the namespace or workload page sets it back).
 *
 * Like every other write, a rollback is previewed first (`previewRollback`: the same request through the write path's
 * dry-run, so the user sees the diff, validation and route risks before anything is written); applying then carries
 * the base the preview showed, and the route risks the user confirmed.
 */
import "server-only";
import type { RollbackPreview, RollbackResult } from "@/lib/contracts/audit";
import type { RouteRiskKind } from "@/lib/contracts/route-risks";
import type { AuditEntry } from "@/server/adapters/db/audit-entries";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { findIstioKind } from "@/lib/istio/kinds";
import {
  applyIstioChanges,
  previewIstioChanges,
  type IstioChangeRequest,
  type IstioWriteDeps,
} from "@/server/istio-config/apply-istio-changes";
import { TopsailError } from "@/server/errors";
import { toObjectChange } from "./object-changes";
import { withoutServerFields } from "./object-yaml";

export interface RollbackDeps {
  getEntry(id: string): Promise<AuditEntry | undefined>;
  /** Refuses (409 `conflict`) when the cluster reached now is not `clusterId` (null: recorded before clusters were). */
  requireSameCluster(clusterId: string | null, what: string): Promise<void>;
  write: IstioWriteDeps;
  actor: string;
}

export interface RollbackInput {
  id: string;
  to: "after" | "before";
  baseResourceVersion: string | null;
  comment?: string;
  confirm?: readonly RouteRiskKind[];
}

function refuseWithoutVersion(entry: AuditEntry, label: string): void {
  if (!findIstioKind(entry.kind)) {
    throw new TopsailError(
      "bad_request",
      `Audit entry ${entry.id} records the sidecar-injection setting of ${label}, not an Istio object: set it back with the injection toggle on the ${entry.kind === "Namespace" ? "namespace" : "workload"} page.`,
    );
  }
  if (entry.status === "failed")
    throw new TopsailError(
      "bad_request",
      `The change of audit entry ${entry.id} was never applied (${entry.error ?? "no reason recorded"}), so ${label} has no version from it to roll back to.`,
    );
  if (entry.status === "pending")
    throw new TopsailError(
      "conflict",
      `The change of audit entry ${entry.id} is still being written; its outcome is not known yet. Try again in a moment.`,
    );
}

/** The write the rollback makes: the entry's version as the desired object, on the user's base. */
async function rollbackRequest(deps: RollbackDeps, input: RollbackInput): Promise<IstioChangeRequest> {
  const entry = await deps.getEntry(input.id);
  if (!entry) throw new TopsailError("not_found", `There is no audit entry ${input.id}.`);
  const label = `${entry.kind} ${entry.namespace}/${entry.name}`;
  refuseWithoutVersion(entry, label);
  await deps.requireSameCluster(entry.clusterId, `Audit entry ${entry.id}`);
  const ref = { kind: entry.kind, namespace: entry.namespace, name: entry.name };
  const target = withoutServerFields(input.to === "after" ? entry.after : entry.before);
  const live = await deps.write.get(ref);
  if (!target && !live)
    throw new TopsailError("bad_request", `${label} already does not exist; there is nothing to roll back.`);
  const desired = target
    ? ({
        ...target,
        kind: entry.kind,
        metadata: { ...(target.metadata as object), name: entry.name, namespace: entry.namespace },
      } as StoredIstioObject)
    : null;
  const when = entry.createdAt.toISOString();
  const comment =
    input.comment?.trim() ||
    `Rolled back to the version ${input.to === "after" ? "after" : "before"} the change of ${when} (audit entry ${entry.id})`;
  return {
    // A null base (the user saw no object) makes the write path refuse an object created since.
    changes: [{ ...ref, desired, baseResourceVersion: input.baseResourceVersion }],
    actor: deps.actor,
    source: "rollback",
    comment,
    ...(input.confirm ? { confirm: input.confirm } : {}),
  };
}

/** What the rollback would write, dry-run by the API server; writes and records nothing. */
export async function previewRollback(deps: RollbackDeps, input: RollbackInput): Promise<RollbackPreview> {
  const preview = await previewIstioChanges(deps.write, await rollbackRequest(deps, input));
  return {
    changes: preview.outcomes.map(toObjectChange),
    validations: preview.validations,
    routeRisks: preview.routeRisks,
  };
}

export async function rollbackToEntry(deps: RollbackDeps, input: RollbackInput): Promise<RollbackResult> {
  const outcomes = await applyIstioChanges(deps.write, await rollbackRequest(deps, input));
  return { changes: outcomes.map(toObjectChange) };
}
