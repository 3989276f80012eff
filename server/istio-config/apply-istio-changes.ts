/**
 * The write path. Every change to Istio config goes through here, in this order:
 *  1. read the live objects and refuse the whole set if any was changed since the change was
 *     built (409 `conflict`, carrying the live objects so the UI can show the difference), or
 *     if it adds finalizers or owner references the live object does not have (400,
 *     lifecycle-metadata.ts);
 *  2. validate the desired objects together (a VirtualService may route to a subset the
 *     same request adds) — error findings refuse the set (400, findings in the details);
 *     then, for a person's change (editor, wizard), the routes it would newly send nowhere
 *     (route-risks.ts) refuse the set unless the request confirms each kind of risk
 *     (409 `confirmation_required`, the risks in the details);
 *  3. dry-run every write on the API server (istiod's webhook runs there too);
 *  4. record one pending audit entry per object that will change (audit-intents.ts), with
 *     the cluster's identity read once for the request; if the database cannot take them,
 *     nothing is written;
 *  5. write in the safe order of plan-istio-changes.ts, each conditioned on the resourceVersion
 *     the change was built from, and resolve each entry with the API server's answer. If one
 *     fails, its entry and those never attempted are resolved `failed` and the ones already
 *     written are put back — each restore recorded the same way — so nothing is half-applied.
 * The API server's own 409 (someone wrote between step 1 and step 5) is reported like step 1's.
 * I/O comes in through `IstioWriteDeps`, so the sequence is unit-tested without a cluster.
 */
import "server-only";
import type { ObjectValidation } from "@/lib/contracts/validations";
import type { AuditAction, AuditSource } from "@/lib/contracts/audit";
import { unconfirmedRisks, type RouteRisk, type RouteRiskKind } from "@/lib/contracts/route-risks";
import type { IstioObjectRef, StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { TopsailError } from "@/server/errors";
import {
  reasonOf,
  recordIntentOrThrow,
  resolveIntentQuietly,
  type AuditIntent,
  type AuditIntentDeps,
  type ClusterIdentity,
} from "./audit-intents";
import { addedLifecycleMetadata } from "./lifecycle-metadata";
import {
  actionFor,
  findConflict,
  objectToWrite,
  orderPlannedChanges,
  writeResourceVersion,
  type ChangeAction,
  type IstioChange,
  type PlannedChange,
} from "./plan-istio-changes";

export interface IstioWriteDeps extends AuditIntentDeps {
  get(ref: IstioObjectRef): Promise<StoredIstioObject | undefined>;
  create(object: StoredIstioObject, options: { dryRun: boolean }): Promise<StoredIstioObject>;
  replace(object: StoredIstioObject, options: { dryRun: boolean }): Promise<StoredIstioObject>;
  remove(ref: IstioObjectRef & { resourceVersion?: string }, options: { dryRun: boolean }): Promise<void>;
  /** Validates the desired objects as if they were all in the mesh already. */
  validate(desired: StoredIstioObject[]): Promise<ObjectValidation[]>;
  /** The routes that would send requests nowhere once these objects are written and those removed, and not before. */
  routeRisks(desired: StoredIstioObject[], removed: IstioObjectRef[]): Promise<RouteRisk[]>;
}

export interface IstioChangeRequest {
  changes: IstioChange[];
  actor: string;
  source: AuditSource;
  comment?: string;
  /** The kinds of route risk the user read and accepts (lib/contracts/route-risks.ts). */
  confirm?: readonly RouteRiskKind[];
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
  /** What applying would need the user to confirm. */
  routeRisks: RouteRisk[];
}

type WritePlanned = PlannedChange & { action: Exclude<ChangeAction, "unchanged"> };
const isWrite = (p: PlannedChange): p is WritePlanned => p.action !== "unchanged";

/** A change written in step 5, with its audit entry. */
interface Written {
  planned: WritePlanned;
  after: StoredIstioObject | null;
  auditId: string;
}

/** The audit log calls a change by what the user did; only a rollback has its own name. */
const auditActionBySource: Partial<Record<AuditSource, AuditAction>> = { rollback: "rollback" };

function refOf(change: IstioChange): IstioObjectRef {
  return { kind: change.kind, namespace: change.namespace, name: change.name };
}

const labelOf = (change: IstioChange) => `${change.kind} ${change.namespace}/${change.name}`;

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
      details: { conflicts: conflicts.map((c) => ({ ...refOf(c.change), live: c.live ?? null })) },
    });
  }
  const lifecycle = planned.flatMap((p) => addedLifecycleMetadata(p.change, p.live));
  if (lifecycle.length > 0)
    throw new TopsailError("bad_request", `Nothing was applied: ${lifecycle.join(" ")}`, { details: { lifecycle } });
  return orderPlannedChanges(planned);
}

/**
 * Error findings that a route risk (route-risks.ts) says in other words: KIA0203, a routed-to
 * subset selecting no workload, is the DestinationRule's side of "subset-without-pods". When
 * the change carries that risk, the finding does not refuse the set: the confirmation the risk
 * needs decides instead.
 */
const CONFIRMABLE_CHECKS: Readonly<Record<string, RouteRiskKind>> = { KIA0203: "subset-without-pods" };

async function validateAll(
  deps: IstioWriteDeps,
  planned: PlannedChange[],
  accepted: ReadonlySet<RouteRiskKind> = new Set(),
): Promise<ObjectValidation[]> {
  const desired = planned.filter((p) => p.change.desired && p.action !== "unchanged").map(objectToWrite);
  if (desired.length === 0) return [];
  const validations = await deps.validate(desired);
  const refuses = (code: string) => {
    const kind = CONFIRMABLE_CHECKS[code];
    return kind === undefined || !accepted.has(kind);
  };
  const errors = validations.flatMap((v) =>
    v.checks
      .filter((c) => c.severity === "error" && refuses(c.code))
      .map((c) => `${v.kind} ${v.namespace}/${v.name}: ${c.message} (${c.code} at ${c.path})`),
  );
  if (errors.length > 0) {
    throw new TopsailError("bad_request", `The change is not valid: ${errors.join("; ")}`, {
      details: { validations },
    });
  }
  return validations;
}

/**
 * The sources whose changes a person makes and can confirm. An experiment's runner changes
 * routes mid-run with no one to ask (its subsets are chosen when it is created). A rollback is
 * a person's change too: an old version can route to a subset that is gone since, and the audit
 * page previews it and asks (components/audit/rollback-actions.tsx).
 */
const CONFIRMING_SOURCES: ReadonlySet<AuditSource> = new Set(["editor", "wizard", "rollback"]);

async function findRouteRisks(
  deps: IstioWriteDeps,
  request: IstioChangeRequest,
  planned: PlannedChange[],
): Promise<RouteRisk[]> {
  if (!CONFIRMING_SOURCES.has(request.source)) return [];
  const writes = planned.filter((p) => p.action !== "unchanged");
  const desired = writes.filter((p) => p.change.desired).map(objectToWrite);
  const removed = writes.filter((p) => p.action === "delete").map((p) => refOf(p.change));
  return desired.length + removed.length === 0 ? [] : deps.routeRisks(desired, removed);
}

/** Step 2 for a person's change: routes it would newly send nowhere need their explicit confirmation. */
function requireConfirmation(risks: RouteRisk[], confirm: readonly RouteRiskKind[] | undefined): void {
  const unconfirmed = unconfirmedRisks(risks, confirm);
  if (unconfirmed.length === 0) return;
  const kinds = [...new Set(unconfirmed.map((r) => r.kind))];
  throw new TopsailError(
    "confirmation_required",
    `Nothing was applied: ${unconfirmed.map((r) => r.message).join("; ")}. Confirm (${kinds.join(", ")}) to apply it anyway.`,
    { details: { routeRisks: unconfirmed } },
  );
}

async function write(deps: IstioWriteDeps, p: PlannedChange, dryRun: boolean): Promise<StoredIstioObject | null> {
  if (p.action === "unchanged") return p.live ?? null;
  if (p.action === "delete") {
    await deps.remove({ ...refOf(p.change), resourceVersion: writeResourceVersion(p) }, { dryRun });
    return null;
  }
  const object = objectToWrite(p);
  return p.action === "create" ? deps.create(object, { dryRun }) : deps.replace(object, { dryRun });
}

/**
 * The API server's 409 (Conflict on a stale resourceVersion, AlreadyExists on a create) means
 * someone wrote the object after step 1 read it: the same `conflict`, with the live object,
 * that step 1 gives, so the UI shows one conflict screen whichever step caught it.
 */
async function withLiveConflict(deps: IstioWriteDeps, p: PlannedChange, error: unknown): Promise<unknown> {
  if (!(error instanceof TopsailError) || error.code !== "conflict") return error;
  const live = await deps.get(refOf(p.change)).catch(() => undefined);
  const what = p.action === "create" ? "was created by someone else" : "was changed by someone else";
  return new TopsailError(
    "conflict",
    `${labelOf(p.change)} ${what} while this change was being applied (${error.message})`,
    {
      cause: error,
      details: { ...error.details, conflicts: [{ ...refOf(p.change), live: live ?? null }] },
    },
  );
}

async function dryRun(deps: IstioWriteDeps, p: PlannedChange): Promise<StoredIstioObject | null> {
  try {
    return await write(deps, p, true);
  } catch (error) {
    throw await withLiveConflict(deps, p, error);
  }
}

function intentFor(
  request: IstioChangeRequest,
  identity: ClusterIdentity,
  p: PlannedChange,
  action: AuditAction,
  before: object | null,
  after: object | null,
  comment = request.comment,
): AuditIntent {
  return {
    ...identity,
    ...refOf(p.change),
    action: auditActionBySource[request.source] ?? action,
    before,
    after,
    actor: request.actor,
    source: request.source,
    comment,
  };
}

/** A change whose intent is on record, waiting for its write. */
interface Pending {
  planned: WritePlanned;
  auditId: string;
}

/** Step 4: one pending entry per change, in write order; on a database failure nothing is written. */
async function recordIntents(
  deps: IstioWriteDeps,
  request: IstioChangeRequest,
  identity: ClusterIdentity,
  toWrite: WritePlanned[],
): Promise<Pending[]> {
  const pending: Pending[] = [];
  for (const p of toWrite) {
    const after = p.action === "delete" ? null : objectToWrite(p);
    try {
      pending.push({
        planned: p,
        auditId: await recordIntentOrThrow(deps, intentFor(request, identity, p, p.action, p.live ?? null, after)),
      });
    } catch (error) {
      for (const recorded of pending) {
        await resolveIntentQuietly(
          deps,
          recorded.auditId,
          { status: "failed", error: `not attempted: ${reasonOf(error)}` },
          labelOf(recorded.planned.change),
        );
      }
      throw error;
    }
  }
  return pending;
}

/** How to put back one written change: the audit action, the object it restores, and the write. */
function restoreStep(
  deps: IstioWriteDeps,
  { planned, after }: Written,
): { action: AuditAction; restores: StoredIstioObject | null; run(): Promise<StoredIstioObject | null> } | undefined {
  const ref = refOf(planned.change);
  if (planned.action === "create" && after) {
    const run = async () => {
      await deps.remove({ ...ref, resourceVersion: after.metadata.resourceVersion }, { dryRun: false });
      return null;
    };
    return { action: "delete", restores: null, run };
  }
  if (planned.action === "update" && planned.live && after) {
    const restores = {
      ...planned.live,
      metadata: { ...planned.live.metadata, resourceVersion: after.metadata.resourceVersion },
    };
    return { action: "update", restores, run: () => deps.replace(restores, { dryRun: false }) };
  }
  if (planned.action === "delete" && planned.live) {
    const { resourceVersion: _rv, uid: _uid, ...metadata } = planned.live.metadata;
    const restores = { ...planned.live, metadata };
    return { action: "create", restores, run: () => deps.create(restores, { dryRun: false }) };
  }
  return undefined;
}

/**
 * Puts back what step 5 already wrote, newest first, each restore recorded before it is made
 * (a restore the database cannot record is not made: an unrecorded write is worse than a
 * half-applied change the log describes). Returns what could not be put back, and why.
 */
async function restore(
  deps: IstioWriteDeps,
  request: IstioChangeRequest,
  identity: ClusterIdentity,
  written: Written[],
  failure: string,
): Promise<string[]> {
  const notRestored: string[] = [];
  for (const done of [...written].reverse()) {
    const step = restoreStep(deps, done);
    if (!step) continue;
    const label = labelOf(done.planned.change);
    const comment = `Puts back the change of audit entry ${done.auditId} after ${failure}`;
    let id: string;
    try {
      id = await recordIntentOrThrow(
        deps,
        intentFor(request, identity, done.planned, step.action, done.after, step.restores, comment),
      );
    } catch (error) {
      deps.log(`Did not put back ${label}: the audit log could not record the restore.`, error);
      notRestored.push(`${label} (not attempted: the audit log could not record the restore)`);
      continue;
    }
    try {
      const after = await step.run();
      await resolveIntentQuietly(
        deps,
        id,
        { status: "applied", after, resourceVersion: after?.metadata.resourceVersion ?? null },
        label,
      );
    } catch (error) {
      await resolveIntentQuietly(deps, id, { status: "failed", error: reasonOf(error) }, label);
      notRestored.push(`${label} (${reasonOf(error)})`);
    }
  }
  return notRestored;
}

/** Steps 1–3: what would happen, with the server's dry-run answers; writes and records nothing. */
export async function previewIstioChanges(deps: IstioWriteDeps, request: IstioChangeRequest): Promise<ChangePreview> {
  const planned = await plan(deps, request);
  const routeRisks = await findRouteRisks(deps, request, planned);
  const validations = await validateAll(deps, planned, new Set(routeRisks.map((r) => r.kind)));
  const outcomes: ChangeOutcome[] = [];
  for (const p of planned) {
    outcomes.push({ ...refOf(p.change), action: p.action, before: p.live ?? null, after: await dryRun(deps, p) });
  }
  return { outcomes, validations, routeRisks };
}

/** Steps 4 and 5 for the changes that write something. */
async function writeAll(
  deps: IstioWriteDeps,
  request: IstioChangeRequest,
  toWrite: WritePlanned[],
): Promise<Written[]> {
  const identity = await deps.cluster();
  const pending = await recordIntents(deps, request, identity, toWrite);
  const written: Written[] = [];
  for (const [index, { planned: p, auditId }] of pending.entries()) {
    const label = labelOf(p.change);
    let after: StoredIstioObject | null;
    try {
      after = await write(deps, p, false);
    } catch (thrown) {
      const error = await withLiveConflict(deps, p, thrown);
      const reason = reasonOf(thrown);
      await resolveIntentQuietly(deps, auditId, { status: "failed", error: reason }, label);
      for (const later of pending.slice(index + 1)) {
        await resolveIntentQuietly(
          deps,
          later.auditId,
          { status: "failed", error: `not attempted: ${label} failed first` },
          labelOf(later.planned.change),
        );
      }
      const notRestored = await restore(deps, request, identity, written, `${label} failed (${reason})`);
      const restoredNote =
        written.length === 0
          ? "nothing was changed"
          : notRestored.length === 0
            ? "the changes already made were put back"
            : `could not put back: ${notRestored.join(", ")}`;
      const code = error instanceof TopsailError ? error.code : "internal";
      const what = error === thrown ? `Applying ${label} failed (${reason})` : reasonOf(error);
      throw new TopsailError(code, `${what}; ${restoredNote}.`, {
        cause: error,
        details: error instanceof TopsailError ? error.details : undefined,
      });
    }
    await resolveIntentQuietly(
      deps,
      auditId,
      { status: "applied", after, resourceVersion: after?.metadata.resourceVersion ?? null },
      label,
    );
    written.push({ planned: p, after, auditId });
  }
  return written;
}

export async function applyIstioChanges(deps: IstioWriteDeps, request: IstioChangeRequest): Promise<ChangeOutcome[]> {
  const planned = await plan(deps, request);
  const routeRisks = await findRouteRisks(deps, request, planned);
  // What no confirmation can fix is said first; a risk's own finding waits for its question.
  await validateAll(deps, planned, new Set(routeRisks.map((r) => r.kind)));
  requireConfirmation(routeRisks, request.confirm);
  for (const p of planned) await dryRun(deps, p);

  const toWrite = planned.filter(isWrite);
  const written = toWrite.length > 0 ? await writeAll(deps, request, toWrite) : [];
  return planned.map((p) => {
    const done = written.find((w) => w.planned === p);
    return {
      ...refOf(p.change),
      action: p.action,
      before: p.live ?? null,
      after: done ? done.after : (p.live ?? null),
      ...(done ? { auditId: done.auditId } : {}),
    };
  });
}
