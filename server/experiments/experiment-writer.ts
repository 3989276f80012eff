/**
 * Carries out the machine's actions through the audited write path (server/istio-config):
 * each action reads the live VirtualService, applies one pure edit (fault-rule-edits.ts,
 * virtual-service-edits.ts) and writes it with the live resourceVersion, so a concurrent
 * edit is a conflict (retried on the next tick), never overwritten. Every write leaves an
 * audit entry (source "experiment") whose id goes on the timeline.
 */
import "server-only";
import type { CanarySpec, FaultSpec } from "@/lib/contracts/experiments";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import type { IstioChange } from "@/server/istio-config/plan-istio-changes";
import { TopsailError } from "@/server/errors";
import type { ExperimentAction, ExperimentRecord, FaultMemory, MachineEvent } from "./machine-types";
import { createdBy, createdFaultRest, insertFaultRules, removeFaultRules, type FaultInsertion } from "./fault-rule-edits";
import { findServiceVirtualService, setCanaryWeights } from "./virtual-service-edits";

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

function vsChange(namespace: string, name: string, desired: StoredIstioObject | null, live: StoredIstioObject | undefined): IstioChange {
  return { kind: "VirtualService", namespace, name, desired, ...(live?.metadata.resourceVersion ? { baseResourceVersion: live.metadata.resourceVersion } : {}) };
}

async function apply(writer: ExperimentWriter, change: IstioChange, comment: string, phase: string, message: string, data: Record<string, unknown>): Promise<ActionOutcome> {
  const { auditIds, actions } = await writer.apply([change], comment);
  const action = actions[0] ?? "unchanged";
  return { events: [{ type: "config", phase, message: action === "unchanged" ? `${message} (already in place)` : message, data: { ...data, kind: change.kind, namespace: change.namespace, name: change.name, action }, ...(auditIds[0] ? { auditId: auditIds[0] } : {}) }] };
}

/** What the injection did, in words: which rules got a faulted copy, which had a fault of their own. */
function describeInsertion(inserted: FaultInsertion, createdNow: boolean, namespace: string, name: string): string {
  const verb = createdNow ? `Created VirtualService ${namespace}/${name} with` : `Added to VirtualService ${namespace}/${name}`;
  const parts = [`${verb} faulted copies of ${inserted.copied.join(", ")}, each just before its rule`];
  if (inserted.replacedFaults.length > 0) parts.push(`${inserted.replacedFaults.join(", ")} already had a fault: its copy carries the experiment's fault instead`);
  if (inserted.neverMatching.length > 0) parts.push(`${inserted.neverMatching.join(", ")} never see${inserted.neverMatching.length === 1 ? "s" : ""} the requests in scope and got no copy`);
  if (inserted.answeredByProxy.length > 0) parts.push(`${inserted.answeredByProxy.join(", ")} redirect${inserted.answeredByProxy.length === 1 ? "s" : ""} or answer${inserted.answeredByProxy.length === 1 ? "s" : ""} directly, where Istio allows no fault: no copy`);
  return parts.join("; ");
}

/** Idempotent: run again, it replaces the experiment's copies (the write is "unchanged" when nothing moved). */
async function injectFault(writer: ExperimentWriter, record: ExperimentRecord & { spec: FaultSpec }): Promise<ActionOutcome> {
  const { spec } = record;
  const live = findServiceVirtualService(await writer.listVirtualServices(spec.namespace), spec.service, spec.namespace);
  const inserted = insertFaultRules(live, spec, record.id);
  const name = inserted.desired.metadata.name;
  const outcome = await apply(writer, vsChange(spec.namespace, name, inserted.desired, live), `experiment ${record.id}: inject fault`, "inject", describeInsertion(inserted, live === undefined, spec.namespace, name), { change: "inject" });
  return { ...outcome, memoryPatch: { virtualService: name, created: inserted.created, ...(inserted.createdRest ? { createdRest: inserted.createdRest as Record<string, unknown> } : {}) } };
}

/** Idempotent: with none of the experiment's rules left, a note instead of a write. */
async function removeFault(writer: ExperimentWriter, record: ExperimentRecord & { memory: FaultMemory; spec: FaultSpec }): Promise<ActionOutcome> {
  const { spec, memory } = record;
  const name = memory.virtualService ?? spec.service;
  const live = await writer.getVirtualService(spec.namespace, name);
  // The annotation covers a crash between creating the object and persisting `created`.
  const ours = memory.created === true || createdBy(live) === record.id;
  const desired = removeFaultRules(live, record.id, ours ? (memory.createdRest ?? createdFaultRest(spec)) : undefined);
  if (desired === undefined) return { events: [{ type: "note", phase: "revert", message: `None of the experiment's rules is in ${spec.namespace}/${name}: nothing to remove` }] };
  const message = desired === null ? `Deleted VirtualService ${spec.namespace}/${name}, which the experiment had created` : `Removed the experiment's faulted copies from VirtualService ${spec.namespace}/${name}`;
  return apply(writer, vsChange(spec.namespace, name, desired, live), `experiment ${record.id}: revert fault`, "revert", message, { change: "revert" });
}

async function setWeight(writer: ExperimentWriter, record: ExperimentRecord & { spec: CanarySpec }, weight: number): Promise<ActionOutcome> {
  const { spec } = record;
  const live = findServiceVirtualService(await writer.listVirtualServices(spec.namespace), spec.service, spec.namespace);
  const desired = setCanaryWeights(live, spec, weight);
  if (!desired) throw new TopsailError("conflict", `VirtualService ${spec.namespace}/${live?.metadata.name} no longer has a rule routing ${spec.service} to ${spec.from} or ${spec.to}.`);
  const name = desired.metadata.name;
  const message = `Set ${spec.service} to ${spec.from} ${100 - weight}% / ${spec.to} ${weight}%`;
  return apply(writer, vsChange(spec.namespace, name, desired, live), `experiment ${record.id}: ${spec.to} at ${weight}%`, record.phase, message, { change: "weights", weight });
}

export async function executeAction(writer: ExperimentWriter, record: ExperimentRecord, action: ExperimentAction): Promise<ActionOutcome> {
  if (action.type === "setWeight" && record.spec.kind === "canary") return setWeight(writer, record as ExperimentRecord & { spec: CanarySpec }, action.weight);
  if (record.spec.kind === "fault" && record.memory.kind === "fault") {
    const fault = record as ExperimentRecord & { spec: FaultSpec; memory: FaultMemory };
    if (action.type === "injectFault") return injectFault(writer, fault);
    if (action.type === "removeFault") return removeFault(writer, fault);
  }
  throw new TopsailError("internal", `action ${action.type} does not apply to a ${record.spec.kind} experiment`);
}
