/**
 * Istio's AuthorizationPolicy decision for one observed caller, as Envoy's RBAC filters take
 * it (istio/api security/v1beta1/authorization_policy.proto): a CUSTOM match hands the request
 * to the external authorizer; a DENY match denies; with no ALLOW policy the request is
 * allowed; an ALLOW match allows; anything else is denied. AUDIT never decides. A policy with
 * no rules matches nothing (so `spec: {}`, an ALLOW without rules, denies everything), and
 * an empty rule `{}` matches everything.
 *
 * A caller here is what Istio's standard metrics say about it (its principal, and so its
 * namespace), not a request: methods, paths, hosts, ports, JWT claims and IPs are not in
 * `istio_requests_total`. Every match is therefore three-valued — "yes", "no", or "unknown"
 * for a condition on something the metrics do not carry — combined with Kleene logic, so a
 * rule whose `from` alone rules a caller out is still decided ("no" AND "unknown" is "no").
 */
import "server-only";
import type {
  AuthorizationOperation,
  AuthorizationPolicy,
  AuthorizationRule,
  AuthorizationSource,
} from "@/lib/istio/types";

export type Match = "yes" | "no" | "unknown";

/** The caller as the destination's proxy reported it. */
export interface CallerIdentity {
  /** The peer's SPIFFE principal without `spiffe://`; null for a plaintext caller, which has none. */
  principal: string | null;
}

export type Decision = "allow" | "deny" | "undecidable";

export interface AuthorizationVerdict {
  decision: Decision;
  /** One sentence a user reads: which policy decided, or what could not be known. */
  reason: string;
  /** `namespace/name` of the policy that decided (or that could not be decided). */
  policy?: string;
}

const and = (matches: Match[]): Match =>
  matches.includes("no") ? "no" : matches.includes("unknown") ? "unknown" : "yes";
const or = (matches: Match[]): Match =>
  matches.includes("yes") ? "yes" : matches.includes("unknown") ? "unknown" : "no";

/** Istio's string match: exact, `prefix*`, `*suffix`, or `*` (any non-empty value). */
function stringMatches(pattern: string, value: string): boolean {
  if (pattern === "*") return value !== "";
  if (pattern.endsWith("*")) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith("*")) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

/** The namespace a principal names (`<trust domain>/ns/<ns>/sa/<sa>`); "" when none. */
export function namespaceOfPrincipal(principal: string | null): string {
  return /\/ns\/([^/]+)\/sa\//.exec(principal ?? "")?.[1] ?? "";
}

/** A field given as a list matches when one entry does; the `not` form when none does. */
function listField(values: string[] | undefined, value: string, negate: boolean): Match | undefined {
  if (!values || values.length === 0) return undefined;
  const hit = values.some((p) => stringMatches(p, value));
  return (negate ? !hit : hit) ? "yes" : "no";
}

/** Fields the metrics do not carry: present means the answer is unknown. */
function unknownIfSet(...fields: Array<unknown[] | undefined>): Match | undefined {
  return fields.some((f) => f && f.length > 0) ? "unknown" : undefined;
}

function sourceMatches(source: AuthorizationSource, caller: CallerIdentity): Match {
  const principal = caller.principal ?? "";
  const namespace = namespaceOfPrincipal(caller.principal);
  const parts = [
    listField(source.principals, principal, false),
    listField(source.notPrincipals, principal, true),
    listField(source.namespaces, namespace, false),
    listField(source.notNamespaces, namespace, true),
    unknownIfSet(
      source.requestPrincipals,
      source.notRequestPrincipals,
      source.ipBlocks,
      source.notIpBlocks,
      source.remoteIpBlocks,
      source.notRemoteIpBlocks,
    ),
  ];
  return and(parts.filter((p): p is Match => p !== undefined));
}

function operationMatches(operation: AuthorizationOperation): Match {
  const { hosts, notHosts, ports, notPorts, methods, notMethods, paths, notPaths } = operation;
  return unknownIfSet(hosts, notHosts, ports, notPorts, methods, notMethods, paths, notPaths) ?? "yes";
}

/** `when` keys the metrics answer; every other key (headers, JWT claims, IPs, ports, SNI) is unknown. */
const conditionValue: Record<string, (caller: CallerIdentity) => string> = {
  "source.principal": (caller) => caller.principal ?? "",
  "source.namespace": (caller) => namespaceOfPrincipal(caller.principal),
};

function conditionMatches(
  condition: { key?: string; values?: string[]; notValues?: string[] },
  caller: CallerIdentity,
): Match {
  const read = conditionValue[condition.key ?? ""];
  if (!read) return "unknown";
  const value = read(caller);
  const parts = [listField(condition.values, value, false), listField(condition.notValues, value, true)];
  return and(parts.filter((p): p is Match => p !== undefined));
}

export function ruleMatches(rule: AuthorizationRule, caller: CallerIdentity): Match {
  const from = rule.from?.length ? or(rule.from.map((f) => sourceMatches(f.source ?? {}, caller))) : "yes";
  const to = rule.to?.length ? or(rule.to.map((t) => operationMatches(t.operation ?? {}))) : "yes";
  const when = and((rule.when ?? []).map((c) => conditionMatches(c, caller)));
  return and([from, to, when]);
}

export function policyMatches(policy: AuthorizationPolicy, caller: CallerIdentity): Match {
  return or((policy.spec?.rules ?? []).map((rule) => ruleMatches(rule, caller)));
}

const refOf = (policy: AuthorizationPolicy) => `${policy.metadata.namespace ?? ""}/${policy.metadata.name ?? ""}`;
const actionOf = (policy: AuthorizationPolicy) => policy.spec?.action ?? "ALLOW";

/**
 * The decision of the policies that apply to one workload (see `policiesForWorkload`) on one
 * caller. An undecided DENY or ALLOW makes the whole answer undecidable unless something
 * certain overrides it (a certain DENY match).
 */
export function evaluateAuthorization(
  policies: readonly AuthorizationPolicy[],
  caller: CallerIdentity,
): AuthorizationVerdict {
  const byAction = (action: string) => policies.filter((p) => actionOf(p) === action);
  const matched = (list: AuthorizationPolicy[], match: Match) => list.find((p) => policyMatches(p, caller) === match);

  const deny = byAction("DENY");
  const certainDeny = matched(deny, "yes");
  if (certainDeny)
    return { decision: "deny", reason: `DENY policy ${refOf(certainDeny)} matches.`, policy: refOf(certainDeny) };

  const custom = byAction("CUSTOM");
  const customMatch = matched(custom, "yes") ?? matched(custom, "unknown");
  if (customMatch) {
    const provider = customMatch.spec?.provider?.name ?? "the external authorizer";
    return {
      decision: "undecidable",
      reason: `CUSTOM policy ${refOf(customMatch)} may send the request to ${provider}, which decides.`,
      policy: refOf(customMatch),
    };
  }

  const unknownDeny = matched(deny, "unknown");
  if (unknownDeny)
    return {
      decision: "undecidable",
      reason: `DENY policy ${refOf(unknownDeny)} depends on request attributes the metrics do not carry (paths, methods, hosts, ports, JWT, IPs).`,
      policy: refOf(unknownDeny),
    };

  const allow = byAction("ALLOW");
  if (allow.length === 0) return { decision: "allow", reason: "No ALLOW policy applies to the workload." };
  const certainAllow = matched(allow, "yes");
  if (certainAllow)
    return { decision: "allow", reason: `ALLOW policy ${refOf(certainAllow)} matches.`, policy: refOf(certainAllow) };
  const unknownAllow = matched(allow, "unknown");
  if (unknownAllow)
    return {
      decision: "undecidable",
      reason: `ALLOW policy ${refOf(unknownAllow)} depends on request attributes the metrics do not carry (paths, methods, hosts, ports, JWT, IPs).`,
      policy: refOf(unknownAllow),
    };
  return {
    decision: "deny",
    reason: `No ALLOW policy matches (${allow.map(refOf).join(", ")} apply to the workload).`,
  };
}
