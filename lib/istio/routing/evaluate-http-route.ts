/**
 * What a proxy's routes do with one HTTP request, decided without drawing a random number:
 * the VirtualService that applies, every rule considered in order with why it did or did not
 * match, and the winning rule's weighted destinations, fault, timeout, retries and mirrors
 * with their probabilities. The simulator's router (route-http.ts) draws over this result, and
 * the console's request explainer reports it, so both follow the same steps:
 *
 * 1. The VirtualServices that apply to the host for this proxy (select-virtual-services.ts): a
 *    sidecar's bound to `mesh`, a gateway's bound to the Gateways that accepted the request.
 * 2. No VirtualService: Istio's default route (named `default`) to the host's own cluster, no
 *    fault, no timeout, Istio's default retry policy.
 * 3. Otherwise the `http` rules in order; the first whose match blocks hold (blocks ORed,
 *    conditions ANDed) wins. None holds: `noRoute` (Envoy's 404 NR) — istiod appends no
 *    default route to a host that has a VirtualService.
 * 4. The winner: `directResponse`, or weighted destinations (weight/sum, as Envoy's weighted
 *    clusters; a lone destination takes everything, weight or not), the fault (delay and abort,
 *    each at its percentage; no percentage is 0 %), the timeout, the retry policy and the mirrors
 *    (each at its percentage, absent = 100 %).
 * Short hosts in a VirtualService are qualified relative to its namespace.
 */
import { parseDurationMs } from "@/lib/istio/duration";
import type { HTTPMatchRequest, HTTPRoute } from "@/lib/istio/types";
import { qualifyConfigHost } from "./hosts";
import { describeHttpMatch, failedHttpConditions } from "./match-request";
import { percentOf } from "./pick-weighted";
import { buildRetryPolicy } from "./retry-policy";
import { selectVirtualServices } from "./select-virtual-services";
import type { ConfigSnapshot, VirtualServiceEntry } from "./snapshot";
import type { DestinationRef, HttpRequest, RetryPolicy, SourceContext } from "./types";

/** One `http` rule of a VirtualService, as the proxy walked it. */
export interface RuleEvaluation {
  virtualService: VirtualServiceEntry;
  /** Index in the VirtualService's `http` list. */
  index: number;
  name?: string;
  matched: boolean;
  /**
   * A rule that did not match: one reason per match block, the conditions it failed
   * (`header end-user: exact "jason" — the request has no end-user header`). The winner:
   * which block matched, or that it has no conditions.
   */
  reasons: string[];
}

export interface WeightedDestination {
  destination: DestinationRef;
  /** As written (absent for a lone destination); what the router draws against. */
  weight?: number;
  /** Share of requests, 0–1. */
  probability: number;
}

export interface FaultSpec {
  delay?: { ms: number; percent: number };
  abort?: { status: number; percent: number };
}

export interface MirrorSpec {
  destination: DestinationRef;
  percent: number;
}

export interface RoutedEvaluation {
  kind: "route";
  /** Absent: no VirtualService applies, Istio's default route. */
  virtualService?: VirtualServiceEntry;
  rules: RuleEvaluation[];
  /** Envoy's route name (%ROUTE_NAME%): the rule's `name`, `default` without a VirtualService. */
  routeName?: string;
  destinations: WeightedDestination[];
  fault: FaultSpec;
  timeoutMs?: number;
  retry: RetryPolicy;
  /** No `retries` on the rule: Istio's default policy. */
  retryIsDefault: boolean;
  mirrors: MirrorSpec[];
}

export type HttpRouteEvaluation =
  | RoutedEvaluation
  | { kind: "noRoute"; virtualService: VirtualServiceEntry; rules: RuleEvaluation[] }
  | { kind: "directResponse"; status: number; virtualService: VirtualServiceEntry; rules: RuleEvaluation[] };

export function destinationOf(
  vs: VirtualServiceEntry,
  destination: { host?: string; subset?: string; port?: { number?: number } } | undefined,
  fallbackHost: string,
): DestinationRef {
  const host = destination?.host ? qualifyConfigHost(destination.host, vs.namespace) : fallbackHost;
  const ref: DestinationRef = { host };
  if (destination?.subset) ref.subset = destination.subset;
  if (destination?.port?.number !== undefined) ref.port = destination.port.number;
  return ref;
}

/** Each destination's share as Envoy's weighted clusters give it; what pick-weighted.ts draws. */
export function weightedProbabilities(weights: readonly (number | undefined)[]): number[] {
  if (weights.length <= 1) return weights.map(() => 1);
  const clamped = weights.map((w) => Math.max(0, w ?? 0));
  const total = clamped.reduce((sum, w) => sum + w, 0);
  // No weight at all: pick-weighted.ts takes the first.
  if (total <= 0) return clamped.map((_, i) => (i === 0 ? 1 : 0));
  return clamped.map((w) => w / total);
}

function ruleReasons(
  matches: HTTPMatchRequest[] | undefined,
  request: HttpRequest,
  source: SourceContext,
  vsNamespace: string,
): { matched: boolean; reasons: string[] } {
  if (!matches || matches.length === 0)
    return { matched: true, reasons: ["no match conditions: matches every request"] };
  const reasons: string[] = [];
  for (const [i, match] of matches.entries()) {
    const failed = failedHttpConditions(match, request, source, vsNamespace);
    const block = matches.length > 1 ? `match ${i}: ` : "";
    if (failed.length === 0) return { matched: true, reasons: [`${block}${describeHttpMatch(match)}`] };
    reasons.push(`${block}${failed.map((f) => `${f.condition} — ${f.actual}`).join("; ")}`);
  }
  return { matched: false, reasons };
}

function faultOf(rule: HTTPRoute): FaultSpec {
  const fault: FaultSpec = {};
  const delay = rule.fault?.delay;
  if (delay) {
    const ms = parseDurationMs(delay.fixedDelay ?? delay.exponentialDelay ?? "");
    if (ms !== undefined && ms > 0) fault.delay = { ms, percent: percentOf(delay.percentage, delay.percent) };
  }
  const abort = rule.fault?.abort;
  if (abort?.httpStatus !== undefined) fault.abort = { status: abort.httpStatus, percent: percentOf(abort.percentage) };
  return fault;
}

function mirrorsOf(vs: VirtualServiceEntry, rule: HTTPRoute, host: string): MirrorSpec[] {
  if (rule.mirrors && rule.mirrors.length > 0)
    return rule.mirrors.map((m) => ({
      destination: destinationOf(vs, m.destination, host),
      percent: m.percentage?.value ?? 100,
    }));
  if (!rule.mirror) return [];
  const percent = rule.mirrorPercentage?.value ?? rule.mirrorPercent ?? 100;
  return [{ destination: destinationOf(vs, rule.mirror, host), percent }];
}

function evaluateRule(
  vs: VirtualServiceEntry,
  rule: HTTPRoute,
  rules: RuleEvaluation[],
  request: HttpRequest,
): HttpRouteEvaluation {
  if (rule.directResponse?.status !== undefined)
    return { kind: "directResponse", status: rule.directResponse.status, virtualService: vs, rules };
  const route = rule.route ?? [];
  const probabilities = weightedProbabilities(route.map((d) => d.weight));
  const destinations: WeightedDestination[] =
    route.length === 0
      ? [{ destination: { host: request.host }, probability: 1 }]
      : route.map((d, i) => ({
          destination: destinationOf(vs, d.destination, request.host),
          ...(d.weight !== undefined ? { weight: d.weight } : {}),
          probability: probabilities[i] ?? 0,
        }));
  const timeout = rule.timeout ? parseDurationMs(rule.timeout) : undefined;
  const timeoutMs = timeout && timeout > 0 ? timeout : undefined;
  return {
    kind: "route",
    virtualService: vs,
    rules,
    ...(rule.name ? { routeName: rule.name } : {}),
    destinations,
    fault: faultOf(rule),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    retry: buildRetryPolicy(rule.retries, timeoutMs),
    retryIsDefault: rule.retries === undefined,
    mirrors: mirrorsOf(vs, rule, request.host),
  };
}

export function evaluateHttpRoute(
  snapshot: ConfigSnapshot,
  source: SourceContext,
  request: HttpRequest,
): HttpRouteEvaluation {
  const virtualServices = selectVirtualServices(snapshot, request.host, source);
  const first = virtualServices[0];
  if (!first) {
    return {
      kind: "route",
      rules: [],
      // Istio's catch-all route for a service without a VirtualService is named `default`.
      routeName: "default",
      destinations: [{ destination: { host: request.host }, probability: 1 }],
      fault: {},
      retry: buildRetryPolicy(undefined, undefined),
      retryIsDefault: true,
      mirrors: [],
    };
  }
  const rules: RuleEvaluation[] = [];
  for (const vs of virtualServices) {
    for (const [index, rule] of (vs.spec.http ?? []).entries()) {
      const { matched, reasons } = ruleReasons(rule.match, request, source, vs.namespace);
      rules.push({ virtualService: vs, index, ...(rule.name ? { name: rule.name } : {}), matched, reasons });
      if (matched) return evaluateRule(vs, rule, rules, request);
    }
  }
  return { kind: "noRoute", virtualService: first, rules };
}
