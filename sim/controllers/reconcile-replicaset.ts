/**
 * ReplicaSet controller core: the pods a ReplicaSet should have versus those it has. New pods
 * are named `<rs>-<5 random chars>` from the controller's seeded random source and carry the
 * template's labels and annotations and a controller ownerReference; surplus pods go
 * not-ready first, then newest first. Status counts what the pods report.
 */
import type { KubeObject } from "../store/types";
import { randomSuffix } from "./hashing";
import { type Action, type Json, REFS, isPodReady, isTerminating, ownerRef, specOf, statusOf } from "./objects";

export interface ReplicaSetInputs {
  replicaSet: KubeObject;
  /** Pods this ReplicaSet controls. */
  pods: KubeObject[];
  random: () => number;
  /** Names already taken in the namespace, so a random suffix never collides. */
  takenNames: Pick<Set<string>, "has" | "add">;
}

export function buildPod(replicaSet: KubeObject, name: string): KubeObject {
  const template = (specOf(replicaSet).template as Json | undefined) ?? {};
  const meta = (template.metadata as Json | undefined) ?? {};
  const labels = { ...((meta.labels as Record<string, string> | undefined) ?? {}) };
  const annotations = meta.annotations as Record<string, string> | undefined;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      generateName: `${replicaSet.metadata.name}-`,
      namespace: replicaSet.metadata.namespace,
      labels,
      ...(annotations ? { annotations: { ...annotations } } : {}),
      ownerReferences: [ownerRef(replicaSet)],
    },
    spec: structuredClone((template.spec as Json | undefined) ?? {}),
  };
}

function replicaSetStatus(rs: KubeObject, pods: KubeObject[]): Json {
  const ready = pods.filter(isPodReady).length;
  const status: Json = {
    replicas: pods.length,
    fullyLabeledReplicas: pods.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  // The API server omits zero-valued counters, so `kubectl get rs -o yaml` shows only replicas: 0.
  for (const key of ["fullyLabeledReplicas", "readyReplicas", "availableReplicas"])
    if (status[key] === 0) delete status[key];
  return status;
}

function surplusOrder(a: KubeObject, b: KubeObject): number {
  const readyDiff = Number(isPodReady(a)) - Number(isPodReady(b));
  if (readyDiff !== 0) return readyDiff;
  return (
    (b.metadata.creationTimestamp ?? "").localeCompare(a.metadata.creationTimestamp ?? "") ||
    (b.metadata.name ?? "").localeCompare(a.metadata.name ?? "")
  );
}

export function reconcileReplicaSet(input: ReplicaSetInputs): Action[] {
  const { replicaSet, random, takenNames } = input;
  if (isTerminating(replicaSet)) return [];
  const pods = input.pods.filter((p) => !isTerminating(p));
  const desired = Number(specOf(replicaSet).replicas ?? 1);
  const namespace = replicaSet.metadata.namespace ?? "default";
  const actions: Action[] = [];

  if (pods.length < desired) {
    for (let i = pods.length; i < desired; i++) {
      let name: string;
      do name = `${replicaSet.metadata.name}-${randomSuffix(random)}`;
      while (takenNames.has(name));
      takenNames.add(name);
      actions.push({ type: "create", ref: REFS.pods, object: buildPod(replicaSet, name) });
    }
  } else if (pods.length > desired) {
    for (const pod of [...pods].sort(surplusOrder).slice(0, pods.length - desired)) {
      actions.push({ type: "delete", ref: REFS.pods, namespace, name: pod.metadata.name ?? "" });
    }
  }

  const remaining = pods.length > desired ? [...pods].sort(surplusOrder).slice(pods.length - desired) : pods;
  const status = replicaSetStatus(replicaSet, remaining);
  if (JSON.stringify(status) !== JSON.stringify(statusOf(replicaSet))) {
    actions.push({ type: "update", ref: REFS.replicasets, object: { ...replicaSet, status } });
  }
  return actions;
}
