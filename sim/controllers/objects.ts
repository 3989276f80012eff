/** Small typed views over stored objects that the controllers share. */
import type { KubeObject, OwnerReference, ResourceRef } from "../store/types";

export type Json = Record<string, unknown>;

export const REFS = {
  namespaces: { group: "", resource: "namespaces" },
  pods: { group: "", resource: "pods" },
  services: { group: "", resource: "services" },
  endpoints: { group: "", resource: "endpoints" },
  deployments: { group: "apps", resource: "deployments" },
  replicasets: { group: "apps", resource: "replicasets" },
} as const satisfies Record<string, ResourceRef>;

export type Action =
  | { type: "create"; ref: ResourceRef; object: KubeObject }
  | { type: "update"; ref: ResourceRef; object: KubeObject }
  | { type: "delete"; ref: ResourceRef; namespace: string; name: string };

export function specOf(object: KubeObject): Json {
  return (object.spec as Json | undefined) ?? {};
}

export function statusOf(object: KubeObject): Json {
  return (object.status as Json | undefined) ?? {};
}

export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((o) => o.controller);
}

export function isOwnedBy(child: KubeObject, owner: KubeObject): boolean {
  return controllerOf(child)?.uid === owner.metadata.uid && owner.metadata.uid !== undefined;
}

export function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? "",
    uid: owner.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function matchesSelector(
  labels: Record<string, string> | undefined,
  selector: Record<string, string> | undefined,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

export function isTerminating(object: KubeObject): boolean {
  return object.metadata.deletionTimestamp !== undefined;
}

export function conditionTrue(object: KubeObject, type: string): boolean {
  const conditions = (statusOf(object).conditions as Array<{ type: string; status: string }> | undefined) ?? [];
  return conditions.some((c) => c.type === type && c.status === "True");
}

export function isPodReady(pod: KubeObject): boolean {
  return statusOf(pod).phase === "Running" && conditionTrue(pod, "Ready");
}

export function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}/${name}`;
}
