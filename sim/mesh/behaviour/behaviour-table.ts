/**
 * Resolves the behaviour of a pod: the sample table by app and version, the synthetic
 * mesh's annotated callees, then the overrides set through the control API (keyed by
 * `namespace/workload`). Resolved behaviours are cached per workload identity and the
 * cache is dropped whenever an override changes.
 */
import type { PodInfo, WorkloadIdentity } from "@/lib/istio/routing/snapshot";
import { DEFAULT_BEHAVIOUR, SAMPLE_WORKLOADS } from "./sample-workloads";
import { CALLS_ANNOTATION, parseCallsAnnotation } from "./synthetic-calls";
import type { BehaviourOverride, WorkloadBehaviour } from "./types";

export class BehaviourTable {
  private overrides = new Map<string, BehaviourOverride>();
  private cache = new WeakMap<WorkloadIdentity, WorkloadBehaviour>();

  setOverride(namespace: string, workload: string, override: BehaviourOverride): void {
    const key = `${namespace}/${workload}`;
    const merged = { ...(this.overrides.get(key) ?? {}), ...override };
    this.overrides.set(key, merged);
    this.cache = new WeakMap();
  }

  clearOverrides(): void {
    this.overrides.clear();
    this.cache = new WeakMap();
  }

  listOverrides(): Record<string, BehaviourOverride> {
    return Object.fromEntries(this.overrides);
  }

  behaviourOf(pod: PodInfo): WorkloadBehaviour {
    let behaviour = this.cache.get(pod.identity);
    if (!behaviour) {
      behaviour = this.resolve(pod);
      this.cache.set(pod.identity, behaviour);
    }
    return behaviour;
  }

  private resolve(pod: PodInfo): WorkloadBehaviour {
    const app = pod.labels.app ?? pod.identity.canonicalService;
    const version = pod.labels.version;
    const row = SAMPLE_WORKLOADS.find((r) => r.app === app && (r.version === undefined || r.version === version));
    let behaviour: WorkloadBehaviour = { ...DEFAULT_BEHAVIOUR, ...(row?.behaviour ?? {}) };
    const annotated = pod.workloadAnnotations[CALLS_ANNOTATION] ?? pod.annotations[CALLS_ANNOTATION];
    if (annotated !== undefined) behaviour = { ...behaviour, calls: parseCallsAnnotation(annotated) };
    const override = this.overrides.get(pod.identity.key);
    if (override?.errorRate !== undefined) behaviour = { ...behaviour, errorRate: override.errorRate };
    if (override?.grpcStatus !== undefined) behaviour = { ...behaviour, grpcErrorStatus: override.grpcStatus };
    if (override?.latencyMs) {
      const { p50, p99 } = override.latencyMs;
      behaviour = { ...behaviour, latency: { p50, p99: p99 ?? p50 * 3 } };
    }
    return behaviour;
  }
}
