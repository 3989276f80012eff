/** Experiment records and measurements for the state machine's unit tests. */
import {
  canarySpecSchema,
  canarySteps,
  faultSpecSchema,
  type CanarySpec,
  type FaultSpec,
} from "@/lib/contracts/experiments";
import type { ExperimentRecord, Measurement, Observation } from "../machine-types";

export const T0 = new Date("2026-11-21T10:00:00Z");
export const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** What every record holds before its first tick, whatever its kind. */
const unstarted = {
  actor: "alice",
  clusterId: "uid-test",
  kubeContext: "test",
  status: "pending",
  phase: "pending",
  command: null,
  verdict: null,
  summary: null,
  createdAt: T0,
  startedAt: null,
  finishedAt: null,
} as const;

export function canaryRecord(overrides: Partial<CanarySpec> = {}): ExperimentRecord {
  const spec = canarySpecSchema.parse({
    kind: "canary",
    namespace: "bookinfo",
    service: "reviews",
    from: "v1",
    to: "v3",
    steps: [10, 50, 100],
    intervalSeconds: 20,
    gates: { minSuccessRate: 99 },
    ...overrides,
  });
  return {
    id: "c1",
    kind: "canary",
    namespace: "bookinfo",
    service: "reviews",
    ...unstarted,
    spec,
    memory: {
      kind: "canary",
      subjects: {
        from: { direction: "inbound", namespace: "bookinfo", service: "reviews", workloads: ["reviews-v1"] },
        to: { direction: "inbound", namespace: "bookinfo", service: "reviews", workloads: ["reviews-v3"] },
      },
      steps: canarySteps(spec),
      stepIndex: 0,
      stepStartedAt: T0.toISOString(),
      weight: 0,
      failedChecks: 0,
      actionFailures: 0,
      // The catch-all of Bookinfo's virtual-service-all-v1.yaml, as creation records it.
      owned: {
        virtualService: "reviews",
        created: false,
        original: { route: [{ destination: { host: "reviews", subset: "v1" } }] },
      },
    },
  };
}

export function faultRecord(overrides: Partial<FaultSpec> = {}): ExperimentRecord {
  const spec = faultSpecSchema.parse({
    kind: "fault",
    namespace: "bookinfo",
    service: "ratings",
    subset: "v1",
    match: [{ header: "end-user", value: "jason" }],
    delay: { fixedDelayMs: 7000, percent: 100 },
    durationSeconds: 30,
    baselineSeconds: 10,
    recoverySeconds: 10,
    hypothesis: { service: "productpage", scope: "outbound", minSuccessRate: 99, windowSeconds: 10 },
    ...overrides,
  });
  return {
    id: "f1",
    kind: "fault",
    namespace: "bookinfo",
    service: "ratings",
    ...unstarted,
    spec,
    memory: {
      kind: "fault",
      subjects: { hypothesis: { direction: "outbound", namespace: "bookinfo", workloads: ["productpage-v1"] } },
      phaseStartedAt: T0.toISOString(),
      abortedEarly: false,
      abortedByHand: false,
      actionFailures: 0,
    },
  };
}

export const healthy: Measurement = { rps: 5, successRate: 100, p95: 20, p99: 40 };
export const failing = (successRate: number): Measurement => ({ rps: 5, successRate, p95: 20, p99: 40 });

export function observation(
  windowSeconds: number,
  m: Partial<Record<"hypothesis" | "from" | "to", Measurement>>,
): { observation: Observation } {
  return { observation: { windowSeconds, measurements: m } };
}
