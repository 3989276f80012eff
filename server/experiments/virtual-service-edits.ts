/**
 * The helpers both kinds of experiment share for their VirtualService edits (the fault's
 * edits are in fault-rule-edits.ts, the canary's in canary-rule-edits.ts): finding the
 * service's mesh-facing VirtualService, reading and replacing its spec as pure functions of
 * the live object, and marking one an experiment created, so a revert after a crash still
 * knows it may delete it again.
 */
import "server-only";
import type { VirtualServiceSpec } from "@/lib/istio/types/networking";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";

/** Marks a VirtualService an experiment created, so a revert after a crash still knows it may delete it. */
export const CREATED_BY_ANNOTATION = "topsail.io/created-by-experiment";

export function createdBy(live: StoredIstioObject | undefined): string | undefined {
  const annotations = live?.metadata.annotations as Record<string, string> | undefined;
  return annotations?.[CREATED_BY_ANNOTATION];
}

export function hostNames(service: string, namespace: string): string[] {
  return [
    service,
    `${service}.${namespace}`,
    `${service}.${namespace}.svc`,
    `${service}.${namespace}.svc.cluster.local`,
  ];
}

export function specOf(vs: StoredIstioObject | undefined): VirtualServiceSpec {
  return structuredClone((vs?.spec ?? {}) as VirtualServiceSpec);
}

/** The mesh-facing VirtualService of a service (not one bound only to gateways), if any. */
export function findServiceVirtualService(
  list: StoredIstioObject[],
  service: string,
  namespace: string,
): StoredIstioObject | undefined {
  const names = new Set(hostNames(service, namespace));
  return list.find((vs) => {
    const spec = vs.spec as VirtualServiceSpec | undefined;
    const meshBound = !spec?.gateways || spec.gateways.length === 0 || spec.gateways.includes("mesh");
    return meshBound && (spec?.hosts ?? []).some((h) => names.has(h));
  });
}

export function newVirtualService(name: string, namespace: string, spec: VirtualServiceSpec): StoredIstioObject {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name, namespace },
    spec: spec as Record<string, unknown>,
  };
}

export function withSpec(vs: StoredIstioObject, spec: VirtualServiceSpec): StoredIstioObject {
  return { ...vs, spec: spec as Record<string, unknown> };
}
