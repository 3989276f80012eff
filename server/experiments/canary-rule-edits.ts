/**
 * A canary's VirtualService edits, as pure functions of the live object. A canary owns
 * exactly ONE HTTP rule: the rule its spec names (`rule`, the route's `name`), else the
 * catch-all (the last rule without a match). Header pins, other hosts' rules and every other
 * field of the VirtualService are never touched — a "testers → B" pin stays a pin.
 *
 * - create-experiment.ts records the owned rule exactly as it was (JSON) before the first
 *   write (`recordOwnedRule`), and refuses a spec whose rule is missing or also routes
 *   elsewhere;
 * - each step rewrites only the weights of that rule's route (B at the step's weight, A at
 *   the rest), keeping every other field of the rule and of its destinations;
 * - promote is the step at 100 %; abort and rollback put the recorded rule back exactly as
 *   it was (`restoreCanaryRule`) — not "100 % A": the rule may have been an 80/20 split, or
 *   had no subsets at all.
 *
 * No VirtualService: the canary creates the smallest one (its hosts and the one rule, marked
 * with CREATED_BY_ANNOTATION), and the restore deletes it when it holds nothing else. If
 * someone added to it meanwhile it stays, with the rule put back to what "no VirtualService"
 * meant — the service without subsets — so their edit survives and unmatched requests are
 * spread over all versions as before the canary.
 *
 * Every edit reads the live object and gives the same result when run again on its own
 * output, so a runner that re-runs an action after a crash writes the same object.
 */
import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { HTTPRoute, HTTPRouteDestination, VirtualServiceSpec } from "@/lib/istio/types/networking";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import type { OwnedRule } from "./machine-types";
import {
  CREATED_BY_ANNOTATION,
  createdBy,
  hostNames,
  newVirtualService,
  specOf,
  withSpec,
} from "./virtual-service-edits";

export interface CanaryTarget {
  namespace: string;
  service: string;
  from: string;
  to: string;
  /** The HTTP route's `name`; absent = the catch-all. */
  rule?: string;
}

/** What an edit asks of the writer: write this object, delete it, leave it (why), or refuse (why). */
export type CanaryEdit =
  | { kind: "write"; desired: StoredIstioObject }
  | { kind: "delete" }
  | { kind: "none"; reason: string }
  | { kind: "refused"; problem: string };

export function ruleLabel(name: string | undefined): string {
  return name === undefined ? "the catch-all rule" : `rule "${name}"`;
}

const vsLabel = (namespace: string, name: string) => `VirtualService ${namespace}/${name}`;

/** Index of the named rule, or of the last rule without a match; -1 when there is none. */
function locateRule(spec: VirtualServiceSpec, name: string | undefined): number {
  const http = spec.http ?? [];
  if (name !== undefined) return http.findIndex((r) => r.name === name);
  for (let i = http.length - 1; i >= 0; i--) if ((http[i]?.match ?? []).length === 0) return i;
  return -1;
}

/** Why the canary cannot shift this rule; undefined when it can (it routes the service only, to A, B or no subset). */
function routeProblem(rule: HTTPRoute, target: CanaryTarget): string | undefined {
  const route = rule.route ?? [];
  if (route.length === 0)
    return `does not route ${target.service} to a destination (${rule.redirect ? "it redirects" : rule.directResponse ? "it answers directly" : rule.delegate ? "it delegates" : "it has no route"})`;
  const hosts = new Set(hostNames(target.service, target.namespace));
  const foreign = route.map((d) => d.destination?.host ?? "").filter((h) => !hosts.has(h));
  if (foreign.length > 0) return `also routes to ${[...new Set(foreign)].map((h) => h || "(no host)").join(", ")}`;
  const allowed = new Set([target.from, target.to]);
  const others = route.map((d) => d.destination?.subset).filter((s): s is string => s !== undefined && !allowed.has(s));
  if (others.length > 0) return `also routes ${target.service} to subset ${[...new Set(others)].join(", ")}`;
  return undefined;
}

function describeRules(spec: VirtualServiceSpec): string {
  const names = (spec.http ?? []).map((r) => (r.name === undefined ? "(unnamed)" : `"${r.name}"`));
  return names.length > 0 ? names.join(", ") : "none";
}

/** The rule the canary would own in `live`, or what is wrong (create-experiment.ts answers 400 with it). */
export function findOwnedRule(
  live: StoredIstioObject,
  target: CanaryTarget,
): { ok: true; index: number; rule: HTTPRoute } | { ok: false; problem: string } {
  const spec = specOf(live);
  const where = vsLabel(target.namespace, live.metadata.name);
  const index = locateRule(spec, target.rule);
  if (index < 0) {
    return {
      ok: false,
      problem:
        target.rule !== undefined
          ? `${where} has no HTTP route named "${target.rule}" (its routes: ${describeRules(spec)}); give the name of the rule the canary should shift as \`rule\`.`
          : `${where} has no catch-all rule (a rule without a match) for the canary to shift; name the rule it should shift with \`rule\` (the HTTP route's name), or add a catch-all rule routing ${target.service} to ${target.from}.`,
    };
  }
  const rule = (spec.http ?? [])[index] as HTTPRoute;
  const problem = routeProblem(rule, target);
  if (problem) {
    return {
      ok: false,
      problem: `${ruleLabel(target.rule)} of ${where} ${problem}; a canary shifts only a rule that routes ${target.service} to ${target.from} and/or ${target.to} (or to the service without subsets). Name another rule with \`rule\`, or edit this one first.`,
    };
  }
  return { ok: true, index, rule };
}

/** What "no VirtualService" routes: the service, without subsets. */
const serviceRoute = (service: string): HTTPRoute => ({ route: [{ destination: { host: service } }] });

/** The owned rule as it is now, recorded before the canary's first write. */
export function recordOwnedRule(
  live: StoredIstioObject | undefined,
  target: CanaryTarget,
): { ok: true; owned: OwnedRule } | { ok: false; problem: string } {
  if (!live) {
    if (target.rule !== undefined) {
      return {
        ok: false,
        problem: `No VirtualService routes ${target.service}, so it has no rule named "${target.rule}"; leave out \`rule\` and the canary creates one, or create the VirtualService first.`,
      };
    }
    return {
      ok: true,
      owned: {
        virtualService: target.service,
        created: true,
        original: serviceRoute(target.service) as Record<string, unknown>,
      },
    };
  }
  const found = findOwnedRule(live, target);
  if (!found.ok) return found;
  return {
    ok: true,
    owned: {
      virtualService: live.metadata.name,
      ...(target.rule !== undefined ? { name: target.rule } : {}),
      created: false,
      original: structuredClone(found.rule) as Record<string, unknown>,
    },
  };
}

/**
 * The route with B at `weightTo` % and A at the rest, always summing to 100 as users read
 * them. Existing entries for A and B keep their other fields and their order; a missing one
 * is made from A's entry (or the subset-less one), so ports and header edits carry over.
 */
function shiftedRoute(
  route: readonly HTTPRouteDestination[],
  target: CanaryTarget,
  weightTo: number,
): HTTPRouteDestination[] {
  const at = (subset: string | undefined) => route.findIndex((d) => d.destination?.subset === subset);
  const b = at(target.to);
  // A's place: its own entry, else the subset-less one it replaces, else B's.
  const a = at(target.from) >= 0 ? at(target.from) : at(undefined);
  const aBase = route[a >= 0 ? a : b];
  const entry = (base: HTTPRouteDestination | undefined, subset: string, weight: number): HTTPRouteDestination => ({
    ...structuredClone(base ?? {}),
    destination: {
      ...structuredClone(base?.destination ?? {}),
      host: base?.destination?.host ?? target.service,
      subset,
    },
    weight,
  });
  const entryA = entry(aBase, target.from, 100 - weightTo);
  const entryB = entry(b >= 0 ? route[b] : aBase, target.to, weightTo);
  return b >= 0 && (a < 0 || b < a) ? [entryB, entryA] : [entryA, entryB];
}

const withoutAnnotation = (live: StoredIstioObject): StoredIstioObject["metadata"] => {
  const annotations = { ...((live.metadata.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations[CREATED_BY_ANNOTATION];
  return { ...live.metadata, annotations };
};

/** The VirtualService with B at `weightTo` % in the owned rule and nothing else changed. */
export function setCanaryWeights(
  live: StoredIstioObject | undefined,
  target: CanaryTarget,
  owned: OwnedRule,
  weightTo: number,
  experimentId: string,
): CanaryEdit {
  const where = vsLabel(target.namespace, owned.virtualService);
  if (!live) {
    if (!owned.created)
      return { kind: "refused", problem: `${where} no longer exists; the canary's rule went with it` };
    const original = structuredClone(owned.original) as HTTPRoute;
    const desired = newVirtualService(owned.virtualService, target.namespace, {
      hosts: [target.service],
      http: [{ ...original, route: shiftedRoute(original.route ?? [], target, weightTo) }],
    });
    desired.metadata.annotations = { [CREATED_BY_ANNOTATION]: experimentId };
    return { kind: "write", desired };
  }
  if (owned.created && createdBy(live) !== experimentId)
    return {
      kind: "refused",
      problem: `${where} was created by someone else after the canary was; start a new canary to shift it`,
    };
  const spec = specOf(live);
  const index = locateRule(spec, owned.name);
  if (index < 0) return { kind: "refused", problem: `${where} no longer has ${ruleLabel(owned.name)}` };
  const http = [...(spec.http ?? [])];
  const rule = http[index] as HTTPRoute;
  const problem = routeProblem(rule, target);
  if (problem) return { kind: "refused", problem: `${ruleLabel(owned.name)} of ${where} ${problem} now` };
  http[index] = { ...rule, route: shiftedRoute(rule.route ?? [], target, weightTo) };
  return { kind: "write", desired: withSpec(live, { ...spec, http }) };
}

/**
 * The VirtualService with the owned rule exactly as recorded; delete = the canary created it and nothing else is in it.
 */
export function restoreCanaryRule(
  live: StoredIstioObject | undefined,
  target: CanaryTarget,
  owned: OwnedRule,
  experimentId: string,
): CanaryEdit {
  const where = vsLabel(target.namespace, owned.virtualService);
  if (!live) return { kind: "none", reason: `${where} no longer exists: nothing to restore` };
  if (owned.created && createdBy(live) !== experimentId)
    return { kind: "none", reason: `${where} is not the one the canary created: left as it is` };
  const spec = specOf(live);
  const index = locateRule(spec, owned.name);
  if (index < 0) return { kind: "none", reason: `${where} no longer has ${ruleLabel(owned.name)}: nothing to restore` };
  const http = [...(spec.http ?? [])];
  http[index] = structuredClone(owned.original) as HTTPRoute;
  const restored: VirtualServiceSpec = { ...spec, http };
  if (!owned.created) return { kind: "write", desired: withSpec(live, restored) };
  if (isDeepStrictEqual(restored, { hosts: [target.service], http: [owned.original] })) return { kind: "delete" };
  // Someone added to what the canary created: it stays, and is no longer the canary's.
  return { kind: "write", desired: { ...withSpec(live, restored), metadata: withoutAnnotation(live) } };
}

/** Share (0–100) of each destination of a rule's route, as Envoy splits it: a lone destination takes all. */
function shares(route: readonly HTTPRouteDestination[]): { subset: string | undefined; percent: number }[] {
  const total = route.reduce((sum, d) => sum + (route.length === 1 ? 100 : (d.weight ?? 0)), 0);
  return route.map((d) => ({
    subset: d.destination?.subset,
    percent: total > 0 ? ((route.length === 1 ? 100 : (d.weight ?? 0)) / total) * 100 : 0,
  }));
}

/** B's share (0–100) in a rule; 0 when the rule does not name B. */
export function weightOfRule(rule: HTTPRoute, target: Pick<CanaryTarget, "to">): number {
  return shares(rule.route ?? [])
    .filter((s) => s.subset === target.to)
    .reduce((sum, s) => sum + s.percent, 0);
}

/** "v1 80% / v3 20%", or "reviews, all versions" for a route without subsets. */
export function describeRule(rule: HTTPRoute, target: Pick<CanaryTarget, "service">): string {
  return shares(rule.route ?? [])
    .map((s) =>
      s.subset === undefined ? `${target.service}, all versions` : `${s.subset} ${Math.round(s.percent * 10) / 10}%`,
    )
    .join(" / ");
}

/** B's share (0–100) in the owned rule of the live object; undefined when there is no such rule. */
export function readCanaryWeight(live: StoredIstioObject | undefined, target: CanaryTarget): number | undefined {
  if (!live) return undefined;
  const spec = specOf(live);
  const index = locateRule(spec, target.rule);
  const rule = (spec.http ?? [])[index];
  return rule && index >= 0 ? weightOfRule(rule, target) : undefined;
}
