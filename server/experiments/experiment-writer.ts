/**
 * Carries out the machine's actions through the audited write path (server/istio-config):
 * each action reads the live VirtualService, applies one pure edit (fault-rule-edits.ts for
 * a fault, canary-rule-edits.ts for a canary) and writes it with the live resourceVersion
 * (or "must not exist" when there was none), so a concurrent edit is a conflict (retried on
 * the next tick), never overwritten. Every write leaves an audit entry (source "experiment")
 * whose id goes on the timeline. Each action gives the same object when run again, so
 * re-running one is safe.
 */
import "server-only";
import type { CanarySpec, ExperimentEventPhase, FaultSpec } from "@/lib/contracts/experiments";
import type { HTTPRoute } from "@/lib/istio/types/networking";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import type { IstioChange } from "@/server/istio-config/plan-istio-changes";
import { TopsailError } from "@/server/errors";
import {
  describeRule,
  recordOwnedRule,
  restoreCanaryRule,
  ruleLabel,
  setCanaryWeights,
  type CanaryEdit,
} from "./canary-rule-edits";
import { createdFaultRest, insertFaultRules, removeFaultRules, type FaultInsertion } from "./fault-rule-edits";
import type { CanaryMemory, ExperimentAction, ExperimentRecord, FaultMemory, MachineEvent } from "./machine-types";
import { createdBy, findServiceVirtualService } from "./virtual-service-edits";

/** The cluster as the experiments see it: read VirtualServices, apply audited changes. */
export interface ExperimentWriter {
  listVirtualServices(namespace: string): Promise<StoredIstioObject[]>;
  getVirtualService(namespace: string, name: string): Promise<StoredIstioObject | undefined>;
  /** Applies through the audited write path; returns the audit entry id of each object written. */
  apply(changes: IstioChange[], comment: string): Promise<{ auditIds: string[]; actions: string[] }>;
}

export interface ActionOutcome {
  memoryPatch?: Partial<FaultMemory>;
  events: (MachineEvent & { auditId?: string })[];
}

function vsChange(
  namespace: string,
  name: string,
  desired: StoredIstioObject | null,
  live: StoredIstioObject | undefined,
): IstioChange {
  // Conditioned on what was read: its resourceVersion, or "must still not exist" (null), so a
  // VirtualService someone created or changed meanwhile is a conflict, never overwritten.
  return {
    kind: "VirtualService",
    namespace,
    name,
    desired,
    baseResourceVersion: live?.metadata.resourceVersion ?? null,
  };
}

async function apply(
  writer: ExperimentWriter,
  change: IstioChange,
  comment: string,
  phase: ExperimentEventPhase,
  message: string,
  data: Record<string, unknown>,
): Promise<ActionOutcome> {
  const { auditIds, actions } = await writer.apply([change], comment);
  const action = actions[0] ?? "unchanged";
  return {
    events: [
      {
        type: "config",
        phase,
        message: action === "unchanged" ? `${message} (already in place)` : message,
        data: { ...data, kind: change.kind, namespace: change.namespace, name: change.name, action },
        ...(auditIds[0] ? { auditId: auditIds[0] } : {}),
      },
    ],
  };
}

/** What the injection did, in words: which rules got a faulted copy, which had a fault of their own. */
function describeInsertion(inserted: FaultInsertion, createdNow: boolean, namespace: string, name: string): string {
  const verb = createdNow
    ? `Created VirtualService ${namespace}/${name} with`
    : `Added to VirtualService ${namespace}/${name}`;
  const parts = [`${verb} faulted copies of ${inserted.copied.join(", ")}, each just before its rule`];
  if (inserted.replacedFaults.length > 0)
    parts.push(
      `${inserted.replacedFaults.join(", ")} already had a fault: its copy carries the experiment's fault instead`,
    );
  if (inserted.neverMatching.length > 0)
    parts.push(
      `${inserted.neverMatching.join(", ")} never see${inserted.neverMatching.length === 1 ? "s" : ""} the requests in scope and got no copy`,
    );
  if (inserted.answeredByProxy.length > 0)
    parts.push(
      `${inserted.answeredByProxy.join(", ")} redirect${inserted.answeredByProxy.length === 1 ? "s" : ""} or answer${inserted.answeredByProxy.length === 1 ? "s" : ""} directly, where Istio allows no fault: no copy`,
    );
  return parts.join("; ");
}

/** Idempotent: run again, it replaces the experiment's copies (the write is "unchanged" when nothing moved). */
async function injectFault(
  writer: ExperimentWriter,
  record: ExperimentRecord & { spec: FaultSpec },
): Promise<ActionOutcome> {
  const { spec } = record;
  const live = findServiceVirtualService(
    await writer.listVirtualServices(spec.namespace),
    spec.service,
    spec.namespace,
  );
  const inserted = insertFaultRules(live, spec, record.id);
  const name = inserted.desired.metadata.name;
  const outcome = await apply(
    writer,
    vsChange(spec.namespace, name, inserted.desired, live),
    `experiment ${record.id}: inject fault`,
    "inject",
    describeInsertion(inserted, live === undefined, spec.namespace, name),
    { change: "inject" },
  );
  return {
    ...outcome,
    memoryPatch: {
      virtualService: name,
      created: inserted.created,
      ...(inserted.createdRest ? { createdRest: inserted.createdRest as Record<string, unknown> } : {}),
    },
  };
}

/** Idempotent: with none of the experiment's rules left, a note instead of a write. */
async function removeFault(
  writer: ExperimentWriter,
  record: ExperimentRecord & { memory: FaultMemory; spec: FaultSpec },
): Promise<ActionOutcome> {
  const { spec, memory } = record;
  const name = memory.virtualService ?? spec.service;
  const live = await writer.getVirtualService(spec.namespace, name);
  // The annotation covers a crash between creating the object and persisting `created`.
  const ours = memory.created === true || createdBy(live) === record.id;
  const desired = removeFaultRules(live, record.id, ours ? (memory.createdRest ?? createdFaultRest(spec)) : undefined);
  if (desired === undefined)
    return {
      events: [
        {
          type: "note",
          phase: "revert",
          message: `None of the experiment's rules is in ${spec.namespace}/${name}: nothing to remove`,
        },
      ],
    };
  const message =
    desired === null
      ? `Deleted VirtualService ${spec.namespace}/${name}, which the experiment had created`
      : `Removed the experiment's faulted copies from VirtualService ${spec.namespace}/${name}`;
  return apply(
    writer,
    vsChange(spec.namespace, name, desired, live),
    `experiment ${record.id}: revert fault`,
    "revert",
    message,
    { change: "revert" },
  );
}

type CanaryRecord = ExperimentRecord & { spec: CanarySpec; memory: CanaryMemory };
type CanaryAction = Extract<ExperimentAction, { type: "setWeight" | "restoreRule" }>;

/**
 * Sets B's weight in the canary's rule, or puts the rule back as recorded; nothing else of the VirtualService changes.
 */
async function shiftCanary(
  writer: ExperimentWriter,
  record: CanaryRecord,
  action: CanaryAction,
): Promise<ActionOutcome> {
  const { spec, memory } = record;
  const live = memory.owned
    ? await writer.getVirtualService(spec.namespace, memory.owned.virtualService)
    : findServiceVirtualService(await writer.listVirtualServices(spec.namespace), spec.service, spec.namespace);
  // Experiments stored before canaries recorded their rule shift the catch-all they find.
  const recorded = memory.owned
    ? { ok: true as const, owned: memory.owned }
    : recordOwnedRule(live, { ...spec, rule: undefined });
  if (!recorded.ok) throw new TopsailError("conflict", recorded.problem);
  const { owned } = recorded;
  const edit: CanaryEdit =
    action.type === "setWeight"
      ? setCanaryWeights(live, spec, owned, action.weight, record.id)
      : restoreCanaryRule(live, spec, owned, record.id);
  const where = `${ruleLabel(owned.name)} of VirtualService ${spec.namespace}/${owned.virtualService}`;
  if (edit.kind === "refused") throw new TopsailError("conflict", `${edit.problem}.`);
  if (edit.kind === "none")
    return {
      events: [
        { type: "note", phase: record.phase, message: `${edit.reason[0]!.toUpperCase()}${edit.reason.slice(1)}` },
      ],
    };
  const change = vsChange(spec.namespace, owned.virtualService, edit.kind === "write" ? edit.desired : null, live);
  if (action.type === "setWeight") {
    const message = `Set ${spec.service} to ${spec.from} ${100 - action.weight}% / ${spec.to} ${action.weight}% in ${where}`;
    return apply(writer, change, `experiment ${record.id}: ${spec.to} at ${action.weight}%`, record.phase, message, {
      change: "weights",
      weight: action.weight,
    });
  }
  const message =
    edit.kind === "delete"
      ? `Deleted VirtualService ${spec.namespace}/${owned.virtualService}, which the canary had created`
      : `Restored ${where} as it was (${describeRule(owned.original as HTTPRoute, spec)})`;
  return apply(writer, change, `experiment ${record.id}: restore ${ruleLabel(owned.name)}`, record.phase, message, {
    change: "restore",
  });
}

export async function executeAction(
  writer: ExperimentWriter,
  record: ExperimentRecord,
  action: ExperimentAction,
): Promise<ActionOutcome> {
  if (
    (action.type === "setWeight" || action.type === "restoreRule") &&
    record.spec.kind === "canary" &&
    record.memory.kind === "canary"
  )
    return shiftCanary(writer, record as CanaryRecord, action);
  if (record.spec.kind === "fault" && record.memory.kind === "fault") {
    const fault = record as ExperimentRecord & { spec: FaultSpec; memory: FaultMemory };
    if (action.type === "injectFault") return injectFault(writer, fault);
    if (action.type === "removeFault") return removeFault(writer, fault);
  }
  throw new TopsailError("internal", `action ${action.type} does not apply to a ${record.spec.kind} experiment`);
}
