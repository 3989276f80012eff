/**
 * The VirtualService edits a fault experiment makes, as pure functions of the live object.
 *
 * The fault goes into COPIES of the rules the scoped traffic would have hit, so it changes
 * nothing but the fault: for each http rule R_i (in order) a copy C_i is R_i with every
 * field kept (route, timeout, retries, mirrors, rewrite, headers, corsPolicy …), its match
 * ANDed with the experiment's (and-http-matches.ts) and the experiment's fault, placed just
 * before R_i: C1, R1, C2, R2 … First-match semantics then give exactly "a request that would
 * have hit R_i and is in scope gets R_i's behaviour plus the fault; every other request is
 * untouched". A rule that can never see scoped traffic gets no copy, nor does one that
 * redirects or answers directly (Istio refuses a fault next to those); a rule whose match
 * cannot be ANDed with the scope in one block, or that delegates, is refused (the caller
 * checks this at creation, so the user hears it before anything runs).
 *
 * Copies are named `topsail-experiment-<id>-<n>` (n = R's position, from 1), so the revert
 * removes them by name from whatever is live then — an edit someone made meanwhile stays —
 * and injecting twice replaces the copies instead of adding a second set. With `subset` in
 * the spec, the copies send the faulted requests to that subset (its documented
 * meaning). No VirtualService: the experiment creates one (the copy of a default route to
 * the service, then that default route) and the revert deletes it again if nobody changed it.
 */
import "server-only";
import { isDeepStrictEqual } from "node:util";
import { formatDurationMs } from "@/lib/istio/duration";
import type {
  HTTPFaultInjection,
  HTTPMatchRequest,
  HTTPRoute,
  StringMatch,
  VirtualServiceSpec,
} from "@/lib/istio/types";
import type { FaultSpec } from "@/lib/contracts/experiments";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { TopsailError } from "@/server/errors";
import { andHttpMatches, andStringMatch } from "./and-http-matches";
import { CREATED_BY_ANNOTATION, createdBy, newVirtualService, specOf, withSpec } from "./virtual-service-edits";

/** The one prefix of every rule an experiment adds (also the whole name of an older single rule). */
export function experimentRuleName(experimentId: string): string {
  return `topsail-experiment-${experimentId}`;
}

export function isExperimentRule(rule: HTTPRoute, experimentId: string): boolean {
  const own = experimentRuleName(experimentId);
  return rule.name === own || (rule.name?.startsWith(`${own}-`) ?? false);
}

function describeCondition(m: StringMatch): string {
  if (m.exact !== undefined) return `exact "${m.exact}"`;
  if (m.prefix !== undefined) return `prefix "${m.prefix}"`;
  if (m.regex !== undefined) return `regex "${m.regex}"`;
  return "presence";
}

/** The experiment's scope as one match block (its conditions ANDed); undefined = every request. */
export function scopeMatch(spec: Pick<FaultSpec, "match">): HTTPMatchRequest[] | undefined {
  if (spec.match.length === 0) return undefined;
  const headers: Record<string, StringMatch> = {};
  for (const m of spec.match) {
    const condition: StringMatch = { [m.op]: m.value };
    const existing = headers[m.header];
    if (!existing) {
      headers[m.header] = condition;
      continue;
    }
    const merged = andStringMatch(existing, condition, `headers.${m.header}`);
    if (merged.kind === "never")
      throw new TopsailError(
        "bad_request",
        `The experiment's match asks for header ${m.header} ${describeCondition(existing)} and ${describeCondition(condition)}: no request has both. Keep one condition for ${m.header}.`,
      );
    if (merged.kind === "inexpressible")
      throw new TopsailError(
        "bad_request",
        `The experiment's match asks for header ${m.header} ${describeCondition(existing)} and ${describeCondition(condition)}: one match block cannot hold both. Keep one condition for ${m.header}.`,
      );
    headers[m.header] = merged.value;
  }
  return [{ headers }];
}

export function buildFault(spec: Pick<FaultSpec, "delay" | "abort">): HTTPFaultInjection {
  return {
    ...(spec.delay
      ? { delay: { fixedDelay: formatDurationMs(spec.delay.fixedDelayMs), percentage: { value: spec.delay.percent } } }
      : {}),
    ...(spec.abort ? { abort: { httpStatus: spec.abort.httpStatus, percentage: { value: spec.abort.percent } } } : {}),
  };
}

/** What a VirtualService the fault experiment creates holds besides the experiment's rules. */
export function createdFaultRest(spec: Pick<FaultSpec, "service">): VirtualServiceSpec {
  return { hosts: [spec.service], http: [{ route: [{ destination: { host: spec.service } }] }] };
}

const ruleLabel = (rule: HTTPRoute, index: number) => `rule ${index + 1}${rule.name ? ` ("${rule.name}")` : ""}`;

/** What injecting did to the rules, for the timeline. */
export interface FaultCopies {
  http: HTTPRoute[];
  /** The rules that got a faulted copy. */
  copied: string[];
  /** Rules that had a fault of their own: their copy carries the experiment's instead. */
  replacedFaults: string[];
  /** Rules the scoped traffic can never hit: no copy. */
  neverMatching: string[];
  /** Rules that redirect or answer directly: the proxy answers, Istio allows no fault there, no copy. */
  answeredByProxy: string[];
}

function inexpressibleMessage(
  where: string,
  rule: HTTPRoute,
  index: number,
  field: string,
  left: unknown,
  right: unknown,
): string {
  const header = field.startsWith("headers.") ? field.slice("headers.".length) : field;
  const ruleCondition = left as StringMatch;
  const alternatives = [
    `drop ${header} from the experiment's match (the faulted copy then keeps the rule's own condition)`,
    `give the experiment the rule's own condition (${describeCondition(ruleCondition)})`,
  ];
  if (ruleCondition.regex === undefined) alternatives.push("an exact value");
  return `${where} ${ruleLabel(rule, index)} matches ${field} by ${describeCondition(ruleCondition)} and the experiment by ${describeCondition(right as StringMatch)}: one Istio match block cannot hold both, so the faulted copy of this rule cannot be written. Either ${alternatives.join(", or ")}.`;
}

/**
 * The http rules with the faulted copies in place, from rules that hold none of the
 * experiment's own. Throws a bad_request TopsailError, saying what to change, when a rule
 * cannot be copied or no rule would ever see the scoped traffic.
 */
export function planFaultCopies(rules: HTTPRoute[], spec: FaultSpec, experimentId: string, where: string): FaultCopies {
  const scope = scopeMatch(spec);
  const fault = buildFault(spec);
  const out: FaultCopies = { http: [], copied: [], replacedFaults: [], neverMatching: [], answeredByProxy: [] };
  rules.forEach((rule, index) => {
    if (rule.delegate) {
      const target = `${rule.delegate.namespace ? `${rule.delegate.namespace}/` : ""}${rule.delegate.name ?? ""}`;
      throw new TopsailError(
        "bad_request",
        `${where} ${ruleLabel(rule, index)} delegates to VirtualService ${target}: its routes live there, so the experiment cannot copy it. Replace the delegation with routes in ${where} for the experiment, or inject the fault in ${target} by hand.`,
      );
    }
    if (rule.redirect || rule.directResponse) {
      // Istio refuses a fault next to a redirect or a direct
      // response, and such requests never reach the service anyway.
      out.answeredByProxy.push(ruleLabel(rule, index));
      out.http.push(rule);
      return;
    }
    const match = andHttpMatches(rule.match, scope);
    if (match.kind === "inexpressible")
      throw new TopsailError(
        "bad_request",
        inexpressibleMessage(where, rule, index, match.field, match.left, match.right),
      );
    if (match.kind === "never") {
      out.neverMatching.push(ruleLabel(rule, index));
      out.http.push(rule);
      return;
    }
    const { name: _name, match: _match, fault: existing, ...kept } = structuredClone(rule);
    const copy: HTTPRoute = {
      name: `${experimentRuleName(experimentId)}-${index + 1}`,
      ...(match.match ? { match: match.match } : {}),
      ...kept,
      fault,
    };
    if (spec.subset) copy.route = [{ destination: { host: spec.service, subset: spec.subset } }];
    if (existing) out.replacedFaults.push(ruleLabel(rule, index));
    out.copied.push(ruleLabel(rule, index));
    out.http.push(copy, rule);
  });
  if (rules.length === 0)
    throw new TopsailError(
      "bad_request",
      `${where} has no HTTP rules for the fault to go into. Add an HTTP route for the service to it first.`,
    );
  if (out.copied.length === 0) {
    const why = [
      out.neverMatching.length > 0 ? `the match of ${out.neverMatching.join(", ")} excludes the requests in scope` : "",
      out.answeredByProxy.length > 0
        ? `${out.answeredByProxy.join(", ")} redirect${out.answeredByProxy.length === 1 ? "s" : ""} or answer${out.answeredByProxy.length === 1 ? "s" : ""} directly (Istio allows no fault there)`
        : "",
    ].filter(Boolean);
    throw new TopsailError(
      "bad_request",
      `The fault would reach no request through ${where}: ${why.join("; ")}. Change the experiment's match.`,
    );
  }
  return out;
}

export interface FaultInsertion extends Omit<FaultCopies, "http"> {
  desired: StoredIstioObject;
  /** True when the experiment created the object (now or on an earlier try): the revert may delete it. */
  created: boolean;
  /** What the object holds besides the experiment's rules when it was created (for the revert). */
  createdRest?: VirtualServiceSpec;
}

/** The VirtualService with the faulted copies in place; idempotent (the experiment's old copies are replaced). */
export function insertFaultRules(
  live: StoredIstioObject | undefined,
  spec: FaultSpec,
  experimentId: string,
): FaultInsertion {
  if (!live) {
    const rest = createdFaultRest(spec);
    const { http, ...what } = planFaultCopies(
      rest.http ?? [],
      spec,
      experimentId,
      `the new VirtualService ${spec.namespace}/${spec.service}`,
    );
    const desired = newVirtualService(spec.service, spec.namespace, { ...structuredClone(rest), http });
    desired.metadata.annotations = { [CREATED_BY_ANNOTATION]: experimentId };
    return { desired, created: true, createdRest: rest, ...what };
  }
  const current = specOf(live);
  const others = (current.http ?? []).filter((r) => !isExperimentRule(r, experimentId));
  const { http, ...what } = planFaultCopies(
    others,
    spec,
    experimentId,
    `VirtualService ${live.metadata.namespace ?? spec.namespace}/${live.metadata.name}`,
  );
  const created = createdBy(live) === experimentId;
  return {
    desired: withSpec(live, { ...current, http }),
    created,
    ...(created ? { createdRest: createdFaultRest(spec) } : {}),
    ...what,
  };
}

export function hasExperimentRule(live: StoredIstioObject | undefined, experimentId: string): boolean {
  return ((live?.spec as VirtualServiceSpec | undefined)?.http ?? []).some((r) => isExperimentRule(r, experimentId));
}

/**
 * The live object without the experiment's rules; null = delete it (the experiment created
 * it and what is left is exactly what it created); undefined = nothing to remove.
 */
export function removeFaultRules(
  live: StoredIstioObject | undefined,
  experimentId: string,
  createdRest?: object,
): StoredIstioObject | null | undefined {
  if (!live || !hasExperimentRule(live, experimentId)) return undefined;
  const current = specOf(live);
  const rest: VirtualServiceSpec = {
    ...current,
    http: (current.http ?? []).filter((r) => !isExperimentRule(r, experimentId)),
  };
  if (createdRest && isDeepStrictEqual(rest, createdRest)) return null;
  // Kept (someone else's edit is in it): it is no longer the experiment's creation.
  const annotations = { ...((live.metadata.annotations as Record<string, string> | undefined) ?? {}) };
  const wasOurs = annotations[CREATED_BY_ANNOTATION] === experimentId;
  delete annotations[CREATED_BY_ANNOTATION];
  const metadata = wasOurs ? { ...live.metadata, annotations } : live.metadata;
  return { ...withSpec(live, rest), metadata };
}
