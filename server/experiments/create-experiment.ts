/**
 * Creating an experiment: check the spec against the cluster (the service exists, the
 * subsets exist in its DestinationRule and select running workloads, a canary has exactly
 * one rule it can own, a fault's copies can be written into the service's VirtualService and
 * its hypothesis can see the fault), resolve subsets and services to workload names once —
 * the gate queries use those — record the canary's rule exactly as it is (before any write,
 * so a restore after a crash still knows it) and insert the pending experiment, which the
 * database refuses if the service already has an active one (experiment-store.ts). The runner
 * starts it on its next tick.
 */
import "server-only";
import {
  canarySteps,
  describeSloSubject,
  type CanarySpec,
  type ExperimentSpec,
  type FaultSpec,
} from "@/lib/contracts/experiments";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import type { ServiceSummary } from "@/server/adapters/kube/list-services";
import type { WorkloadSummary } from "@/server/adapters/kube/list-workloads";
import { TopsailError } from "@/server/errors";
import type { ClusterIdentity } from "@/server/istio-config/audit-intents";
import type { MeasureSubject } from "./experiment-promql";
import { insertExperiment, type ExperimentsDb } from "./experiment-store";
import { insertFaultRules } from "./fault-rule-edits";
import type { ExperimentRecord, FaultMemory, MachineMemory } from "./machine-types";
import { recordOwnedRule } from "./canary-rule-edits";
import { findServiceVirtualService } from "./virtual-service-edits";

/** What creation reads from the cluster. */
export interface ClusterReads {
  /** The cluster these reads reach: stored on the experiment, which then acts only there. */
  cluster(): Promise<ClusterIdentity>;
  listServices(namespace: string): Promise<ServiceSummary[]>;
  listWorkloads(namespace: string): Promise<WorkloadSummary[]>;
  listDestinationRules(namespace: string): Promise<StoredIstioObject[]>;
  listVirtualServices(namespace: string): Promise<StoredIstioObject[]>;
}

const matches = (labels: Record<string, string>, selector: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

function requireService(services: ServiceSummary[], name: string, namespace: string): ServiceSummary {
  const found = services.find((s) => s.name === name);
  if (!found) throw new TopsailError("bad_request", `There is no service ${name} in namespace ${namespace}.`);
  return found;
}

function subsetLabels(
  rules: StoredIstioObject[],
  service: string,
  namespace: string,
  subset: string,
): Record<string, string> {
  const hosts = new Set([
    service,
    `${service}.${namespace}`,
    `${service}.${namespace}.svc`,
    `${service}.${namespace}.svc.cluster.local`,
  ]);
  for (const dr of rules) {
    const spec = dr.spec as
      { host?: string; subsets?: { name?: string; labels?: Record<string, string> }[] } | undefined;
    if (!hosts.has(spec?.host ?? "")) continue;
    const found = spec?.subsets?.find((s) => s.name === subset);
    if (found) return found.labels ?? {};
  }
  throw new TopsailError(
    "bad_request",
    `No DestinationRule for ${service} defines subset ${subset}; add it first (traffic must never point at a missing subset).`,
  );
}

function workloadsOf(workloads: WorkloadSummary[], selector: Record<string, string>, what: string): string[] {
  const names = workloads.filter((w) => matches(w.labels, selector)).map((w) => w.name);
  if (names.length === 0) throw new TopsailError("bad_request", `${what} selects no workloads.`);
  return names;
}

async function canaryMemory(reads: ClusterReads, spec: CanarySpec, now: Date): Promise<MachineMemory> {
  const [services, workloads, rules, virtualServices] = await Promise.all([
    reads.listServices(spec.namespace),
    reads.listWorkloads(spec.namespace),
    reads.listDestinationRules(spec.namespace),
    reads.listVirtualServices(spec.namespace),
  ]);
  const service = requireService(services, spec.service, spec.namespace);
  const subject = (subset: string): MeasureSubject => ({
    direction: "inbound",
    namespace: spec.namespace,
    service: spec.service,
    workloads: workloadsOf(
      workloads,
      { ...service.selector, ...subsetLabels(rules, spec.service, spec.namespace, subset) },
      `Subset ${subset} of ${spec.service}`,
    ),
  });
  const recorded = recordOwnedRule(findServiceVirtualService(virtualServices, spec.service, spec.namespace), spec);
  if (!recorded.ok) throw new TopsailError("bad_request", recorded.problem);
  return {
    kind: "canary",
    subjects: { from: subject(spec.from), to: subject(spec.to) },
    steps: canarySteps(spec),
    stepIndex: 0,
    stepStartedAt: now.toISOString(),
    weight: 0,
    failedChecks: 0,
    actionFailures: 0,
    owned: recorded.owned,
  };
}

/**
 * Istio injects a fault in the CALLER's proxy, so the faulted service's own proxies never
 * see the aborts or the delays (istio-facts.md §3): a hypothesis on what it answers would
 * hold whatever the fault does.
 */
function refuseBlindHypothesis(spec: FaultSpec): void {
  if (spec.hypothesis.scope !== "inbound" || spec.hypothesis.service !== spec.service) return;
  throw new TopsailError(
    "bad_request",
    `The hypothesis measures the ${describeSloSubject(spec.hypothesis)} (scope "inbound"), which cannot show this fault: Istio injects aborts and delays in the callers' proxies, so they never reach ${spec.service}'s own. Use scope "callers" (the requests to ${spec.service} as its callers see them), or measure a caller of ${spec.service}.`,
  );
}

/** The subject a hypothesis reads; checks that its service exists and (inbound, outbound) has workloads. */
function hypothesisSubject(spec: FaultSpec, services: ServiceSummary[], workloads: WorkloadSummary[]): MeasureSubject {
  const observed = requireService(services, spec.hypothesis.service, spec.namespace);
  if (spec.hypothesis.scope === "callers")
    return { direction: "callers", namespace: spec.namespace, service: observed.name, workloads: [] };
  return {
    direction: spec.hypothesis.scope,
    namespace: spec.namespace,
    ...(spec.hypothesis.scope === "inbound" ? { service: observed.name } : {}),
    workloads: workloadsOf(workloads, observed.selector, `Service ${observed.name}`),
  };
}

/**
 * Checks a fault spec against the cluster and gives the memory it
 * starts with; a refusal is a bad_request that says what to change.
 */
export async function faultMemory(reads: ClusterReads, spec: FaultSpec, now: Date): Promise<FaultMemory> {
  refuseBlindHypothesis(spec);
  const [services, workloads, rules, virtualServices] = await Promise.all([
    reads.listServices(spec.namespace),
    reads.listWorkloads(spec.namespace),
    reads.listDestinationRules(spec.namespace),
    reads.listVirtualServices(spec.namespace),
  ]);
  requireService(services, spec.service, spec.namespace);
  if (spec.subset) subsetLabels(rules, spec.service, spec.namespace, spec.subset);
  // The runner makes the same edit at injection time; doing it now refuses a VirtualService
  // whose rules cannot take faulted copies before anything runs.
  insertFaultRules(findServiceVirtualService(virtualServices, spec.service, spec.namespace), spec, "check");
  const hypothesis = hypothesisSubject(spec, services, workloads);
  return {
    kind: "fault",
    subjects: { hypothesis },
    phaseStartedAt: now.toISOString(),
    abortedEarly: false,
    abortedByHand: false,
    actionFailures: 0,
  };
}

export async function createExperiment(
  db: ExperimentsDb,
  reads: ClusterReads,
  spec: ExperimentSpec,
  starter: string | { name: string; groups: readonly string[] },
  now = new Date(),
): Promise<ExperimentRecord> {
  const actor = typeof starter === "string" ? starter : starter.name;
  const actorGroups = typeof starter === "string" ? [] : [...starter.groups];
  const [memory, cluster] = await Promise.all([
    spec.kind === "canary" ? canaryMemory(reads, spec, now) : faultMemory(reads, spec, now),
    reads.cluster(),
  ]);
  const what =
    spec.kind === "canary"
      ? `canary ${spec.service} ${spec.from} → ${spec.to}, steps ${canarySteps(spec).join("/")}% every ${spec.intervalSeconds}s`
      : `fault injection on ${spec.service} for ${spec.durationSeconds}s`;
  return insertExperiment(
    db,
    {
      kind: spec.kind,
      namespace: spec.namespace,
      service: spec.service,
      actor,
      actorGroups,
      clusterId: cluster.clusterId,
      kubeContext: cluster.kubeContext,
      spec,
      status: "pending",
      phase: "pending",
      memory,
      command: null,
      verdict: null,
      summary: null,
      startedAt: null,
      finishedAt: null,
    },
    [
      {
        type: "note",
        phase: "pending",
        message: `Created by ${actor} on context ${cluster.kubeContext} (cluster ${cluster.clusterId}): ${what}`,
        at: now,
      },
    ],
  );
}
