/**
 * The VirtualService edits experiments make, as pure functions of the live object:
 * - a fault experiment inserts ONE rule of its own, named after the experiment, at the top
 *   of `http`; the revert removes that rule by name from whatever is live then, so an edit
 *   someone made during the run stays (a snapshot restore would throw it away);
 * - a canary's edits (one owned rule) live in canary-rule-edits.ts and use the helpers here.
 * When no VirtualService exists, the experiment creates the smallest one that does the job
 * (and a fault revert deletes it again if nobody touched it), so "after" equals "before".
 */
import "server-only";
import { isDeepStrictEqual } from "node:util";
import { formatDurationMs } from "@/lib/istio/duration";
import type { HTTPRoute, HTTPRouteDestination, VirtualServiceSpec } from "@/lib/istio/types/networking";
import type { FaultSpec } from "@/lib/contracts/experiments";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";

/** Marks a VirtualService an experiment created, so a revert after a crash still knows it may delete it. */
export const CREATED_BY_ANNOTATION = "topsail.io/created-by-experiment";

export function experimentRuleName(experimentId: string): string {
  return `topsail-experiment-${experimentId}`;
}

export function hostNames(service: string, namespace: string): string[] {
  return [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`];
}

export function specOf(vs: StoredIstioObject | undefined): VirtualServiceSpec {
  return structuredClone((vs?.spec ?? {}) as VirtualServiceSpec);
}

/** The mesh-facing VirtualService of a service (not one bound only to gateways), if any. */
export function findServiceVirtualService(list: StoredIstioObject[], service: string, namespace: string): StoredIstioObject | undefined {
  const names = new Set(hostNames(service, namespace));
  return list.find((vs) => {
    const spec = vs.spec as VirtualServiceSpec | undefined;
    const meshBound = !spec?.gateways || spec.gateways.length === 0 || spec.gateways.includes("mesh");
    return meshBound && (spec?.hosts ?? []).some((h) => names.has(h));
  });
}

export function newVirtualService(name: string, namespace: string, spec: VirtualServiceSpec): StoredIstioObject {
  return { apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name, namespace }, spec: spec as Record<string, unknown> };
}

export function withSpec(vs: StoredIstioObject, spec: VirtualServiceSpec): StoredIstioObject {
  return { ...vs, spec: spec as Record<string, unknown> };
}

/** The rule a VirtualService would route unmatched traffic with: its last rule without a match. */
function defaultRoute(spec: VirtualServiceSpec): HTTPRouteDestination[] | undefined {
  const catchAll = [...(spec.http ?? [])].reverse().find((r) => !r.match || r.match.length === 0);
  return catchAll?.route ? structuredClone(catchAll.route) : undefined;
}

export function buildFaultRule(spec: FaultSpec, experimentId: string, route: HTTPRouteDestination[]): HTTPRoute {
  const rule: HTTPRoute = { name: experimentRuleName(experimentId) };
  if (spec.match.length > 0) {
    rule.match = [{ headers: Object.fromEntries(spec.match.map((m) => [m.header, { [m.op]: m.value }])) }];
  }
  rule.fault = {
    ...(spec.delay ? { delay: { fixedDelay: formatDurationMs(spec.delay.fixedDelayMs), percentage: { value: spec.delay.percent } } } : {}),
    ...(spec.abort ? { abort: { httpStatus: spec.abort.httpStatus, percentage: { value: spec.abort.percent } } } : {}),
  };
  rule.route = route;
  return rule;
}

/** What a VirtualService the fault experiment creates holds besides the experiment's rule. */
export function createdFaultRest(spec: Pick<FaultSpec, "service">): VirtualServiceSpec {
  return { hosts: [spec.service], http: [{ route: [{ destination: { host: spec.service } }] }] };
}

export function createdBy(live: StoredIstioObject | undefined): string | undefined {
  const annotations = live?.metadata.annotations as Record<string, string> | undefined;
  return annotations?.[CREATED_BY_ANNOTATION];
}

export interface FaultInsertion {
  desired: StoredIstioObject;
  /** True when no VirtualService existed: the revert may delete it again. */
  created: boolean;
  /** What the object held besides the experiment's rule when it was created (for the revert). */
  createdRest?: VirtualServiceSpec;
}

export function insertFaultRule(live: StoredIstioObject | undefined, spec: FaultSpec, experimentId: string): FaultInsertion {
  const own = experimentRuleName(experimentId);
  if (!live) {
    const rest = createdFaultRest(spec);
    const route = spec.subset ? [{ destination: { host: spec.service, subset: spec.subset } }] : [{ destination: { host: spec.service } }];
    const desired = newVirtualService(spec.service, spec.namespace, { ...structuredClone(rest), http: [buildFaultRule(spec, experimentId, route), ...(rest.http ?? [])] });
    desired.metadata.annotations = { [CREATED_BY_ANNOTATION]: experimentId };
    return { desired, created: true, createdRest: rest };
  }
  const current = specOf(live);
  const others = (current.http ?? []).filter((r) => r.name !== own);
  const route = spec.subset ? [{ destination: { host: spec.service, subset: spec.subset } }] : (defaultRoute(current) ?? [{ destination: { host: spec.service } }]);
  return { desired: withSpec(live, { ...current, http: [buildFaultRule(spec, experimentId, route), ...others] }), created: false };
}

export function hasExperimentRule(live: StoredIstioObject | undefined, experimentId: string): boolean {
  return ((live?.spec as VirtualServiceSpec | undefined)?.http ?? []).some((r) => r.name === experimentRuleName(experimentId));
}

/**
 * The live object without the experiment's rule; null = delete it (the experiment created
 * it and what is left is exactly what it created); undefined = nothing to remove.
 */
export function removeFaultRule(live: StoredIstioObject | undefined, experimentId: string, createdRest?: object): StoredIstioObject | null | undefined {
  if (!live || !hasExperimentRule(live, experimentId)) return undefined;
  const current = specOf(live);
  const rest: VirtualServiceSpec = { ...current, http: (current.http ?? []).filter((r) => r.name !== experimentRuleName(experimentId)) };
  if (createdRest && isDeepStrictEqual(rest, createdRest)) return null;
  // Kept (someone else's edit is in it): it is no longer the experiment's creation.
  const annotations = { ...((live.metadata.annotations as Record<string, string> | undefined) ?? {}) };
  const wasOurs = annotations[CREATED_BY_ANNOTATION] === experimentId;
  delete annotations[CREATED_BY_ANNOTATION];
  const metadata = wasOurs ? { ...live.metadata, annotations } : live.metadata;
  return { ...withSpec(live, rest), metadata };
}
