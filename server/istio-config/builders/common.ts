/**
 * What every wizard builder shares. A builder is a pure function
 * `(existing objects, input) → desired objects` that edits only the rules and fields its
 * wizard owns; everything else of the live objects is carried over untouched (deep-cloned,
 * never rebuilt). A reader does the reverse — live objects → the wizard's form — and says
 * `WizardUnsupported` when it cannot show them faithfully, instead of guessing.
 */
import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { WeightedRoute } from "@/lib/contracts/traffic";
import type { DestinationRule, HTTPRoute, HTTPRouteDestination, Subset, VirtualService } from "@/lib/istio/types";
import { TopsailError } from "@/server/errors";

export interface ServiceRef {
  namespace: string;
  name: string;
}

export interface WizardExisting {
  service: ServiceRef;
  virtualService: VirtualService | null;
  destinationRule: DestinationRule | null;
  /** `version` label values of the service's workloads: subsets the wizards may create. */
  versions: string[];
}

/** undefined = the wizard leaves the object alone; null = delete it. */
export interface WizardBuilt {
  virtualService?: VirtualService | null;
  destinationRule?: DestinationRule | null;
}

export interface WizardUnsupported {
  supported: false;
  reason: string;
}
export type WizardReading<I> = { supported: true; input: I } | WizardUnsupported;

export const unsupported = (reason: string): WizardUnsupported => ({ supported: false, reason });

/** Marks a VirtualService a wizard created, so a wizard may remove it again once it routes nothing special. */
export const CREATED_BY_ANNOTATION = "topsail.io/created-by";

export const clone = <T>(value: T): T => structuredClone(value);

/** Bad input: a 400 naming the field, before anything is written. */
export function invalidInput(field: string, message: string): TopsailError {
  return new TopsailError("bad_request", `${field}: ${message}`, { details: { field } });
}

export function serviceHosts(service: ServiceRef): string[] {
  const { name, namespace } = service;
  return [name, `${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`];
}

export function isServiceHost(host: string | undefined, service: ServiceRef): boolean {
  return host !== undefined && serviceHosts(service).includes(host);
}

/** A rule with no match block, or with an empty one, matches every request. */
export function isCatchAll(rule: { match?: unknown[] }): boolean {
  return (
    !rule.match ||
    rule.match.length === 0 ||
    rule.match.some((m) => typeof m === "object" && m !== null && Object.keys(m).length === 0)
  );
}

export function catchAllIndex(rules: { match?: unknown[] }[]): number {
  return rules.findIndex(isCatchAll);
}

export function newVirtualService(service: ServiceRef): VirtualService {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: service.name, namespace: service.namespace, annotations: { [CREATED_BY_ANNOTATION]: "wizard" } },
    spec: { hosts: [service.name] },
  };
}

export function newDestinationRule(service: ServiceRef): DestinationRule {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: { name: service.name, namespace: service.namespace },
    spec: { host: service.name },
  };
}

/**
 * Subsets are named after the `version` label; a value that is no DNS label ("1.0") gets '-' for what it cannot hold.
 */
export function subsetNameForVersion(version: string): string {
  return (
    version
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "-")
      .replace(/^-+|-+$/g, "") || "default"
  );
}

/**
 * The DestinationRule with every subset in `names`: existing ones untouched, missing ones
 * created from the workloads' `version` labels. Returns undefined when nothing is missing,
 * so a wizard that needs no new subset leaves the DestinationRule alone.
 */
export function withSubsets(existing: WizardExisting, names: string[], field: string): DestinationRule | undefined {
  const have = new Set((existing.destinationRule?.spec?.subsets ?? []).map((s) => s.name));
  const missing = [...new Set(names)].filter((n) => !have.has(n));
  if (missing.length === 0) return undefined;
  const added: Subset[] = missing.map((name) => {
    const version = existing.versions.find((v) => subsetNameForVersion(v) === name);
    if (version === undefined) {
      throw invalidInput(
        field,
        `${name} is neither a subset of the DestinationRule nor a version of ${existing.service.name}'s workloads`,
      );
    }
    return { name, labels: { version } };
  });
  const dr = existing.destinationRule ? clone(existing.destinationRule) : newDestinationRule(existing.service);
  dr.spec = { ...dr.spec, subsets: [...(dr.spec?.subsets ?? []), ...added] };
  return dr;
}

/**
 * The host spelling already used by a rule's destinations (short, FQDN…), so edits read like the rest of the object.
 */
export function hostSpelling(routes: { destination?: { host?: string } }[] | undefined, service: ServiceRef): string {
  return routes?.map((r) => r.destination?.host).find((h) => isServiceHost(h, service)) ?? service.name;
}

/**
 * Weighted routes → Istio route destinations. Keeps what each kept destination carried
 * (port, header operations); a lone destination is written without a weight (Istio reads 100).
 */
export function toRouteDestinations(
  routes: WeightedRoute[],
  previous: HTTPRouteDestination[] | undefined,
  service: ServiceRef,
): HTTPRouteDestination[] {
  const host = hostSpelling(previous, service);
  const port = previous?.find((p) => p.destination?.port)?.destination?.port;
  const kept = routes.filter((r) => r.weight > 0 || routes.length === 1);
  return kept.map((r) => {
    const before = previous?.find(
      (p) => (p.destination?.subset ?? null) === r.subset && isServiceHost(p.destination?.host, service),
    );
    const destination = {
      ...(before?.destination ?? { host }),
      ...(port && !before?.destination?.port ? { port: clone(port) } : {}),
    };
    if (r.subset === null) delete destination.subset;
    else destination.subset = r.subset;
    const out: HTTPRouteDestination = { ...(before ? clone(before) : {}), destination };
    if (kept.length === 1) delete out.weight;
    else out.weight = r.weight;
    return out;
  });
}

/** Route destinations → weighted routes, or why they cannot be shown (another host, no weights to read). */
export function readRouteDestinations(
  route: HTTPRouteDestination[] | undefined,
  service: ServiceRef,
  where: string,
): WeightedRoute[] | WizardUnsupported {
  if (!route || route.length === 0)
    return unsupported(`${where} sends no traffic to a destination (redirect, direct response or delegate)`);
  const foreign = route.find((r) => !isServiceHost(r.destination?.host, service));
  if (foreign)
    return unsupported(`${where} routes to ${foreign.destination?.host ?? "no host"}, which is not ${service.name}`);
  if (route.length === 1) return [{ subset: route[0]?.destination?.subset ?? null, weight: 100 }];
  return normalizeWeights(route.map((r) => ({ subset: r.destination?.subset ?? null, weight: r.weight ?? 0 })));
}

/** Scales weights to total 100 (Istio ≥ 1.15 accepts any total; users read percentages), largest remainder first. */
export function normalizeWeights(routes: WeightedRoute[]): WeightedRoute[] {
  const total = routes.reduce((s, r) => s + r.weight, 0);
  if (total === 100) return routes;
  if (total === 0) return routes.map((r, i) => ({ ...r, weight: i === 0 ? 100 : 0 }));
  const exact = routes.map((r) => (r.weight * 100) / total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((s, w) => s + w, 0);
  const order = exact.map((w, i) => ({ i, rest: w - Math.floor(w) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) if (left-- > 0) floors[i] = (floors[i] ?? 0) + 1;
  return routes.map((r, i) => ({ ...r, weight: floors[i] ?? 0 }));
}

/**
 * An even split over the subsets (the first ones take the
 * remainder), as Kubernetes balances pods without a VirtualService.
 */
export function evenSplit(subsets: string[]): WeightedRoute[] {
  const base = Math.floor(100 / subsets.length);
  return subsets.map((subset, i) => ({ subset, weight: base + (i < 100 - base * subsets.length ? 1 : 0) }));
}

/** The VirtualService with exactly one catch-all route to the bare service: what having no VirtualService means. */
function routesNothingSpecial(vs: VirtualService, service: ServiceRef): boolean {
  const spec = vs.spec ?? {};
  const others = Object.keys(spec).filter((k) => k !== "hosts" && k !== "http");
  if (others.length > 0 || !isDeepStrictEqual(spec.hosts, [service.name])) return false;
  const [only, ...more] = spec.http ?? [];
  if (!only || more.length > 0 || !isCatchAll(only)) return false;
  const fields = Object.keys(only).filter((k) => k !== "match");
  return (
    isDeepStrictEqual(fields, ["route"]) &&
    only.route?.length === 1 &&
    isDeepStrictEqual(only.route[0], { destination: { host: service.name } })
  );
}

/**
 * The VirtualService change a builder hands to the write path: nothing to create when a
 * new one would route nothing special, and a delete when a wizard-made one has come back
 * to that point (removing the last fault restores "no VirtualService", the previous spec).
 */
export function finishVirtualService(
  existing: WizardExisting,
  next: VirtualService,
): VirtualService | null | undefined {
  if (!routesNothingSpecial(next, existing.service)) return next;
  if (!existing.virtualService) return undefined;
  return existing.virtualService.metadata.annotations?.[CREATED_BY_ANNOTATION] === "wizard" ? null : next;
}

export function startVirtualService(existing: WizardExisting): VirtualService {
  return existing.virtualService ? clone(existing.virtualService) : newVirtualService(existing.service);
}

/** A catch-all route to the service itself, the route of every new rule. */
export function plainRoute(service: ServiceRef, like?: HTTPRoute): HTTPRouteDestination[] {
  return like?.route ? clone(like.route) : [{ destination: { host: service.name } }];
}
