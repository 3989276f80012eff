/** The autoscaling/v1 Scale view of a Deployment or ReplicaSet, which `kubectl scale` patches. */
import type { KubeObject } from "../store/types";
import { isPlainObject } from "./patch/json-value";

function selectorString(object: KubeObject): string {
  const spec = isPlainObject(object.spec) ? object.spec : {};
  const selector = isPlainObject(spec.selector) ? spec.selector : {};
  const labels = isPlainObject(selector.matchLabels) ? selector.matchLabels : {};
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(",");
}

export function scaleOf(object: KubeObject): KubeObject {
  const spec = isPlainObject(object.spec) ? object.spec : {};
  const status = isPlainObject(object.status) ? object.status : {};
  const m = object.metadata;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: typeof spec.replicas === "number" ? spec.replicas : 1 },
    status: { replicas: typeof status.replicas === "number" ? status.replicas : 0, selector: selectorString(object) },
  };
}

/** The object with the Scale's desired replicas written back; the Scale's resourceVersion is a precondition. */
export function applyScale(object: KubeObject, scale: unknown): KubeObject {
  const s = isPlainObject(scale) ? scale : {};
  const spec = isPlainObject(s.spec) ? s.spec : {};
  const meta = isPlainObject(s.metadata) ? s.metadata : {};
  const replicas = typeof spec.replicas === "number" ? spec.replicas : undefined;
  const current = isPlainObject(object.spec) ? object.spec : {};
  return {
    ...object,
    metadata: {
      ...object.metadata,
      ...(typeof meta.resourceVersion === "string" ? { resourceVersion: meta.resourceVersion } : {}),
    },
    spec: { ...current, ...(replicas !== undefined ? { replicas } : {}) },
  };
}
