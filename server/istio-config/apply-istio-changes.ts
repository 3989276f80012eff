/**
 * The write path. Every change to Istio config goes through here, in this order:
 *  1. read the live objects and refuse the whole set if any was changed since the user
 *     started (409 `conflict`, carrying the live objects so the UI can show the difference);
 *  2. validate the desired objects together (a VirtualService may route to a subset the
 *     same request adds) — error findings refuse the set (400, findings in the details);
 *  3. dry-run every write on the API server (istiod's webhook runs there too);
 *  4. apply in the safe order of plan-istio-changes.ts, each with its resourceVersion;
 *     if one fails, the ones already applied are put back, so nothing is half-applied;
 *  5. record one audit entry per applied object.
 * I/O comes in through `IstioWriteDeps`, so the sequence is unit-tested without a cluster.
 */
import "server-only";
import type { ObjectValidation } from "@/lib/contracts/validations";
import type { AuditSource } from "@/server/adapters/db/audit-entries";
import type { IstioObjectRef, StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { TopsailError } from "@/server/errors";
import { actionFor, findConflict, objectToWrite, orderPlannedChanges, type IstioChange, type PlannedChange } from "./plan-istio-changes";

export interface IstioWriteDeps {
  get(ref: IstioObjectRef): Promise<StoredIstioObject | undefined>;
  create(object: StoredIstioObject, options: { dryRun: boolean }): Promise<StoredIstioObject>;
  replace(object: StoredIstioObject, options: { dryRun: boolean }): Promise<StoredIstioObject>;
  remove(ref: IstioObjectRef & { resourceVersion?: string }, options: { dryRun: boolean }): Promise<void>;
  /** Validates the desired objects as if they were all in the mesh already. */
  validate(desired: StoredIstioObject[]): Promise<ObjectValidation[]>;
  recordAudit(entry: { action: "create" | "update" | "delete"; kind: string; namespace: string; name: string; before: StoredIstioObject | null; after: StoredIstioObject | null; actor: string; source: AuditSource; comment?: string }): Promise<{ id: string }>;
}

export interface IstioChangeRequest {
  changes: IstioChange[];
  actor: string;
  source: AuditSource;
  comment?: string;
}

export interface ChangeOutcome {
  kind: string;
  namespace: string;
  name: string;
  action: PlannedChange["action"];
  before: StoredIstioObject | null;
  /** After the write (or, in a preview, the server's dry-run answer). */
  after: StoredIstioObject | null;
  auditId?: string;
}

export interface ChangePreview {
  outcomes: ChangeOutcome[];
  validations: ObjectValidation[];
}

function refOf(change: IstioChange): IstioObjectRef {
  return { kind: change.kind, namespace: change.namespace, name: change.name };
}

async function plan(deps: IstioWriteDeps, request: IstioChangeRequest): Promise<PlannedChange[]> {
  if (request.changes.length === 0) throw new TopsailError("bad_request", "No changes to apply.");
  const planned = await Promise.all(
    request.changes.map(async (change) => {
      const live = await deps.get(refOf(change));
      return { change, live, action: actionFor(change, live) };
    }),
  );
  const conflicts = planned.map((p) => findConflict(p.change, p.live)).filter((c) => c !== undefined);
  if (conflicts.length > 0) {
    throw new TopsailError("conflict", conflicts.map((c) => c.reason).join("; "), {
      details: { conflicts: conflicts.map((c) => ({ kind: c.change.kind, namespace: c.change.namespace, name: c.change.name, live: c.live ?? null })) },
    });
  }
  return orderPlannedChanges(planned);
}

async function validateAll(deps: IstioWriteDeps, planned: PlannedChange[]): Promise<ObjectValidation[]> {
  const desired = planned.filter((p) => p.change.desired && p.action !== "unchanged").map(objectToWrite);
  if (desired.length === 0) return [];
  const validations = await deps.validate(desired);
  const errors = validations.flatMap((v) => v.checks.filter((c) => c.severity === "error").map((c) => `${v.kind} ${v.namespace}/${v.name}: ${c.message} (${c.code} at ${c.path})`));
  if (errors.length > 0) {
    throw new TopsailError("bad_request", `The change is not valid: ${errors.join("; ")}`, { details: { validations } });
  }
  return validations;
}

async function write(deps: IstioWriteDeps, p: PlannedChange, dryRun: boolean): Promise<StoredIstioObject | null> {
  if (p.action === "unchanged") return p.live ?? null;
  if (p.action === "delete") {
    await deps.remove({ ...refOf(p.change), resourceVersion: p.live?.metadata.resourceVersion }, { dryRun });
    return null;
  }
  const object = objectToWrite(p);
  return p.action === "create" ? deps.create(object, { dryRun }) : deps.replace(object, { dryRun });
}

/** Puts back what step 4 already applied, newest first; returns what could not be restored. */
async function restore(deps: IstioWriteDeps, applied: { planned: PlannedChange; after: StoredIstioObject | null }[]): Promise<string[]> {
  const failures: string[] = [];
  for (const { planned, after } of [...applied].reverse()) {
    const label = `${planned.change.kind} ${planned.change.namespace}/${planned.change.name}`;
    try {
      if (planned.action === "create" && after) await deps.remove({ ...refOf(planned.change), resourceVersion: after.metadata.resourceVersion }, { dryRun: false });
      else if (planned.action === "update" && planned.live && after) {
        await deps.replace({ ...planned.live, metadata: { ...planned.live.metadata, resourceVersion: after.metadata.resourceVersion } }, { dryRun: false });
      } else if (planned.action === "delete" && planned.live) {
        const { resourceVersion: _rv, uid: _uid, ...metadata } = planned.live.metadata;
        await deps.create({ ...planned.live, metadata }, { dryRun: false });
      }
    } catch {
      failures.push(label);
    }
  }
  return failures;
}

/** Steps 1–3: what would happen, with the server's dry-run answers; writes nothing. */
export async function previewIstioChanges(deps: IstioWriteDeps, request: IstioChangeRequest): Promise<ChangePreview> {
  const planned = await plan(deps, request);
  const validations = await validateAll(deps, planned);
  const outcomes: ChangeOutcome[] = [];
  for (const p of planned) {
    outcomes.push({ ...refOf(p.change), action: p.action, before: p.live ?? null, after: await write(deps, p, true) });
  }
  return { outcomes, validations };
}

export async function applyIstioChanges(deps: IstioWriteDeps, request: IstioChangeRequest): Promise<ChangeOutcome[]> {
  const planned = await plan(deps, request);
  await validateAll(deps, planned);
  for (const p of planned) await write(deps, p, true);

  const applied: { planned: PlannedChange; after: StoredIstioObject | null }[] = [];
  for (const p of planned) {
    if (p.action === "unchanged") continue;
    try {
      applied.push({ planned: p, after: await write(deps, p, false) });
    } catch (error) {
      const notRestored = await restore(deps, applied);
      const reason = error instanceof Error ? error.message : String(error);
      const restoredNote =
        applied.length === 0 ? "nothing was changed" : notRestored.length === 0 ? "the changes already made were put back" : `could not put back: ${notRestored.join(", ")}`;
      const code = error instanceof TopsailError ? error.code : "internal";
      throw new TopsailError(code, `Applying ${p.change.kind} ${p.change.namespace}/${p.change.name} failed (${reason}); ${restoredNote}.`, {
        cause: error,
        details: error instanceof TopsailError ? error.details : undefined,
      });
    }
  }

  const outcomes: ChangeOutcome[] = [];
  for (const p of planned) {
    const done = applied.find((a) => a.planned === p);
    const outcome: ChangeOutcome = { ...refOf(p.change), action: p.action, before: p.live ?? null, after: done ? done.after : (p.live ?? null) };
    if (done && p.action !== "unchanged") {
      const entry = await deps.recordAudit({
        action: p.action,
        ...refOf(p.change),
        before: p.live ?? null,
        after: done.after,
        actor: request.actor,
        source: request.source,
        comment: request.comment,
      });
      outcome.auditId = entry.id;
    }
    outcomes.push(outcome);
  }
  return outcomes;
}
