/** Experiment records and events as the API returns them (lib/contracts/experiments.ts). */
import "server-only";
import type { ExperimentDetail, ExperimentSummary } from "@/lib/contracts/experiments";
import type { StoredEvent } from "./experiment-store";
import type { ExperimentRecord } from "./machine-types";

export function toExperimentSummary(record: ExperimentRecord): ExperimentSummary {
  const canary = record.memory.kind === "canary" ? record.memory : undefined;
  const fault = record.memory.kind === "fault" ? record.memory : undefined;
  const started = record.startedAt !== null;
  return {
    id: record.id,
    kind: record.kind,
    namespace: record.namespace,
    service: record.service,
    status: record.status,
    phase: record.phase,
    verdict: record.verdict,
    summary: record.summary,
    command: record.command,
    actor: record.actor,
    actorGroups: [...(record.actorGroups ?? [])],
    kubeContext: record.kubeContext,
    clusterId: record.clusterId,
    createdAt: record.createdAt.toISOString(),
    startedAt: record.startedAt?.toISOString() ?? null,
    finishedAt: record.finishedAt?.toISOString() ?? null,
    currentWeight: canary ? canary.weight : null,
    currentStep: canary ? canary.stepIndex : null,
    // create-experiment.ts stamps these at creation; they mean something once the runner started it.
    clock: {
      phaseStartedAt: started ? (canary?.stepStartedAt ?? fault?.phaseStartedAt ?? null) : null,
      deadline: fault?.deadline ?? null,
    },
  };
}

export function toExperimentDetail(record: ExperimentRecord, events: StoredEvent[]): ExperimentDetail {
  return {
    ...toExperimentSummary(record),
    spec: record.spec,
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      type: e.type,
      phase: e.phase,
      message: e.message,
      data: e.data ?? null,
      auditId: e.auditId,
    })),
  };
}
