/**
 * Deployment controller core. The pod template's hash names the ReplicaSet that runs it
 * (`<deployment>-<pod-template-hash>`, the hash also added to its selector and pod labels).
 * A template change creates a new ReplicaSet with the next revision number and scales the
 * old ones to 0; returning to an earlier template reuses its ReplicaSet and gives it the
 * next revision, as `kubectl rollout undo` shows. Old ReplicaSets beyond
 * revisionHistoryLimit are deleted. Status sums what the ReplicaSets report.
 */
import type { KubeObject } from "../store/types";
import { podTemplateHash } from "./hashing";
import { type Action, type Json, REFS, isTerminating, ownerRef, specOf, statusOf } from "./objects";

const REVISION = "deployment.kubernetes.io/revision";
const HASH_LABEL = "pod-template-hash";

export interface DeploymentInputs {
  deployment: KubeObject;
  /** ReplicaSets this Deployment controls. */
  replicaSets: KubeObject[];
  now: string;
}

function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0);
}

function templateOf(deployment: KubeObject): Json {
  return (specOf(deployment).template as Json | undefined) ?? {};
}

export function buildReplicaSet(deployment: KubeObject, hash: string, revision: number): KubeObject {
  const spec = specOf(deployment);
  const template = structuredClone(templateOf(deployment));
  const meta = ((template.metadata as Json | undefined) ?? (template.metadata = {})) as Json;
  const labels = { ...((meta.labels as Record<string, string> | undefined) ?? {}), [HASH_LABEL]: hash };
  meta.labels = labels;
  const selector = structuredClone((spec.selector as Json | undefined) ?? {});
  selector.matchLabels = {
    ...((selector.matchLabels as Record<string, string> | undefined) ?? {}),
    [HASH_LABEL]: hash,
  };
  const replicas = Number(spec.replicas ?? 1);
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `${deployment.metadata.name}-${hash}`,
      namespace: deployment.metadata.namespace,
      labels,
      annotations: {
        "deployment.kubernetes.io/desired-replicas": String(replicas),
        "deployment.kubernetes.io/max-replicas": String(replicas + 1),
        [REVISION]: String(revision),
      },
      ownerReferences: [ownerRef(deployment)],
    },
    spec: { replicas, minReadySeconds: spec.minReadySeconds ?? 0, selector, template },
  };
}

function count(rs: KubeObject, key: string): number {
  return Number(statusOf(rs)[key] ?? 0);
}

function keepTransitionTime(previous: Json[] | undefined, next: Json): Json {
  const old = previous?.find((c) => c.type === next.type);
  if (!old) return next;
  if (old.status === next.status && old.reason === next.reason && old.message === next.message) return old;
  return old.status === next.status ? { ...next, lastTransitionTime: old.lastTransitionTime } : next;
}

function deploymentStatus(
  deployment: KubeObject,
  current: KubeObject | undefined,
  active: KubeObject[],
  now: string,
): Json {
  const desired = Number(specOf(deployment).replicas ?? 1);
  const sum = (key: string) => active.reduce((n, rs) => n + count(rs, key), 0);
  const replicas = sum("replicas");
  const ready = sum("readyReplicas");
  const available = sum("availableReplicas");
  const updated = current ? count(current, "replicas") : 0;
  const previous = statusOf(deployment).conditions as Json[] | undefined;
  const complete = current !== undefined && updated === desired && available === desired && replicas === desired;
  const availableCondition =
    available >= desired
      ? {
          type: "Available",
          status: "True",
          lastUpdateTime: now,
          lastTransitionTime: now,
          reason: "MinimumReplicasAvailable",
          message: "Deployment has minimum availability.",
        }
      : {
          type: "Available",
          status: "False",
          lastUpdateTime: now,
          lastTransitionTime: now,
          reason: "MinimumReplicasUnavailable",
          message: "Deployment does not have minimum availability.",
        };
  const rsName = current?.metadata.name ?? "";
  const progressing = complete
    ? {
        type: "Progressing",
        status: "True",
        lastUpdateTime: now,
        lastTransitionTime: now,
        reason: "NewReplicaSetAvailable",
        message: `ReplicaSet "${rsName}" has successfully progressed.`,
      }
    : {
        type: "Progressing",
        status: "True",
        lastUpdateTime: now,
        lastTransitionTime: now,
        reason: "ReplicaSetUpdated",
        message: `ReplicaSet "${rsName}" is progressing.`,
      };
  const status: Json = {
    observedGeneration: deployment.metadata.generation ?? 1,
    replicas,
    updatedReplicas: updated,
    readyReplicas: ready,
    availableReplicas: available,
    unavailableReplicas: Math.max(0, desired - available),
    conditions: [keepTransitionTime(previous, availableCondition), keepTransitionTime(previous, progressing)],
  };
  for (const key of ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"])
    if (status[key] === 0) delete status[key];
  return status;
}

export function reconcileDeployment(input: DeploymentInputs): Action[] {
  const { deployment, now } = input;
  if (isTerminating(deployment)) return [];
  const owned = input.replicaSets.filter((rs) => !isTerminating(rs));
  const namespace = deployment.metadata.namespace ?? "default";
  const spec = specOf(deployment);
  const desired = Number(spec.replicas ?? 1);
  const hash = podTemplateHash(templateOf(deployment));
  const maxRevision = owned.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
  const actions: Action[] = [];

  let current = owned.find((rs) => rs.metadata.labels?.[HASH_LABEL] === hash);
  if (!current) {
    current = buildReplicaSet(deployment, hash, maxRevision + 1);
    actions.push({ type: "create", ref: REFS.replicasets, object: current });
  } else {
    const annotations = { ...(current.metadata.annotations ?? {}) };
    const isLatest = revisionOf(current) === maxRevision;
    const replicas = Number(specOf(current).replicas ?? 0);
    if (
      !isLatest ||
      replicas !== desired ||
      annotations["deployment.kubernetes.io/desired-replicas"] !== String(desired)
    ) {
      annotations[REVISION] = String(isLatest ? revisionOf(current) : maxRevision + 1);
      annotations["deployment.kubernetes.io/desired-replicas"] = String(desired);
      annotations["deployment.kubernetes.io/max-replicas"] = String(desired + 1);
      current = {
        ...current,
        metadata: { ...current.metadata, annotations },
        spec: { ...specOf(current), replicas: desired },
      };
      actions.push({ type: "update", ref: REFS.replicasets, object: current });
    }
  }

  const old = owned.filter((rs) => rs.metadata.name !== current?.metadata.name);
  for (const rs of old) {
    if (Number(specOf(rs).replicas ?? 0) !== 0)
      actions.push({ type: "update", ref: REFS.replicasets, object: { ...rs, spec: { ...specOf(rs), replicas: 0 } } });
  }
  const historyLimit = Number(spec.revisionHistoryLimit ?? 10);
  const idle = old.filter((rs) => count(rs, "replicas") === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of idle.slice(0, Math.max(0, idle.length - historyLimit))) {
    actions.push({ type: "delete", ref: REFS.replicasets, namespace, name: rs.metadata.name ?? "" });
  }

  const revision = String(revisionOf(current) || maxRevision + 1);
  const status = deploymentStatus(deployment, owned.includes(current) ? current : undefined, owned, now);
  const annotations = { ...(deployment.metadata.annotations ?? {}), [REVISION]: revision };
  const statusChanged = JSON.stringify(status) !== JSON.stringify(statusOf(deployment));
  if (statusChanged || deployment.metadata.annotations?.[REVISION] !== revision) {
    actions.push({
      type: "update",
      ref: REFS.deployments,
      object: { ...deployment, metadata: { ...deployment.metadata, annotations }, status },
    });
  }
  return actions;
}
