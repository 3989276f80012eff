/**
 * The VirtualService edits a canary makes, as pure functions of the live object, and the
 * helpers both kinds of experiment share (the fault's edits are in fault-rule-edits.ts):
 * a canary sets the weights of A and B in the rules that route the service to those
 * subsets, leaving every other rule, match and field alone. When no VirtualService exists,
 * the experiment creates the smallest one that does the job.
 */
import "server-only";
import type { HTTPRoute, HTTPRouteDestination, VirtualServiceSpec } from "@/lib/istio/types/networking";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";

function hostNames(service: string, namespace: string): string[] {
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

function routesTo(rule: HTTPRoute, host: Set<string>, subsets: Set<string>): boolean {
  const route = rule.route ?? [];
  return route.length > 0 && route.every((d) => host.has(d.destination?.host ?? "") && subsets.has(d.destination?.subset ?? ""));
}

/** Destinations for A and B at B's weight (0–100), always summing to 100 as users read them. */
function splitRoute(service: string, from: string, to: string, weightTo: number, template?: HTTPRouteDestination[]): HTTPRouteDestination[] {
  const find = (subset: string) => template?.find((d) => d.destination?.subset === subset);
  const entry = (subset: string, weight: number): HTTPRouteDestination => {
    const base = find(subset);
    return { ...(base ? structuredClone(base) : {}), destination: { ...(base?.destination ?? { host: service }), subset }, weight };
  };
  return [entry(from, 100 - weightTo), entry(to, weightTo)];
}

export interface CanaryTarget {
  namespace: string;
  service: string;
  from: string;
  to: string;
}

/**
 * The VirtualService with B at `weightTo` % and A at the rest, in every rule that routes the
 * service only to A and/or B. No VirtualService: one is created with that single rule. A
 * VirtualService with no such rule cannot be shifted safely: returns undefined.
 */
export function setCanaryWeights(live: StoredIstioObject | undefined, target: CanaryTarget, weightTo: number): StoredIstioObject | undefined {
  if (!live) {
    return newVirtualService(target.service, target.namespace, { hosts: [target.service], http: [{ route: splitRoute(target.service, target.from, target.to, weightTo) }] });
  }
  const spec = specOf(live);
  const hosts = new Set(hostNames(target.service, target.namespace));
  const subsets = new Set([target.from, target.to]);
  let touched = false;
  const http = (spec.http ?? []).map((rule) => {
    if (!routesTo(rule, hosts, subsets)) return rule;
    touched = true;
    return { ...rule, route: splitRoute(target.service, target.from, target.to, weightTo, rule.route) };
  });
  if (!touched) {
    // A VirtualService that routes the host without subsets (or to others) gets its catch-all rule shifted.
    const index = (spec.http ?? []).findIndex((r) => (!r.match || r.match.length === 0) && (r.route ?? []).every((d) => hosts.has(d.destination?.host ?? "") && !d.destination?.subset));
    if (index < 0) return undefined;
    http[index] = { ...http[index], route: splitRoute(target.service, target.from, target.to, weightTo) };
  }
  return withSpec(live, { ...spec, http });
}

/** B's share (0–100) in the first rule that routes to A and/or B, as the live object says. */
export function readCanaryWeight(live: StoredIstioObject | undefined, target: CanaryTarget): number | undefined {
  const spec = specOf(live);
  const hosts = new Set(hostNames(target.service, target.namespace));
  const rule = (spec.http ?? []).find((r) => routesTo(r, hosts, new Set([target.from, target.to])));
  if (!rule?.route) return undefined;
  const total = rule.route.reduce((sum, d) => sum + (rule.route!.length === 1 ? 100 : (d.weight ?? 0)), 0);
  const toWeight = rule.route.filter((d) => d.destination?.subset === target.to).reduce((sum, d) => sum + (rule.route!.length === 1 ? 100 : (d.weight ?? 0)), 0);
  return total > 0 ? (toWeight / total) * 100 : undefined;
}
