/**
 * AuthorizationPolicy as a server proxy's RBAC filters enforce it, before the application
 * sees a request (HTTP) or a connection's first byte (TCP).
 *
 * Which policies: those of the workload's namespace and of the root namespace (mesh-wide),
 * whose `selector` matches the pod's labels (no selector = all). Policies bound with
 * `targetRef(s)` attach to Gateways or waypoints, never to a sidecar, so they are skipped.
 *
 * Decision, in the order Istio chains its filters: a matching CUSTOM policy denies (the
 * simulator has no external authorizer, so CUSTOM fails closed as istiod makes it when its
 * provider cannot be used); then a matching DENY policy denies; then, with no ALLOW policy
 * the request is allowed; with some, it must match one, else it is denied. AUDIT decides
 * nothing. An ALLOW policy without rules (`spec: {}`) matches nothing, so it denies all; a
 * rule `{}` matches everything. Within a rule `from`, `to` and `when` must all hold; a list
 * of sources or operations holds when one entry does; within an entry every field must hold,
 * a field holding when one of its values matches and none of its `not` values does.
 *
 * The caller's principal exists only over Istio mTLS (the client certificate); `namespaces`
 * and `source.namespace` read it too, so a plaintext caller matches none of them, while
 * `notPrincipals`/`notNamespaces` hold for it. Request principals (`requestPrincipals`,
 * `request.auth.*`) come from JWTs, which the simulator's callers never carry: they match
 * nothing.
 *
 * TCP: fields only HTTP has (hosts, methods, paths, request principals, `request.*` keys)
 * cannot be checked. istiod drops such a field from a DENY (or AUDIT, CUSTOM) rule, widening
 * it — a DENY rule made only of them denies every connection — and drops the whole rule from
 * an ALLOW policy, which then allows less.
 *
 * The denial names the policy rule that matched as Envoy does (`ns[bookinfo]-policy[deny-get]-rule[0]`),
 * or `none` when no ALLOW rule matched; Envoy keeps a filter's policies in a map ordered by
 * name, so of several matches the lowest name is the one reported.
 */
import type {
  AuthorizationAction,
  AuthorizationOperation,
  AuthorizationRule,
  AuthorizationSource,
} from "@/lib/istio/types";
import { labelsMatch, type AuthorizationPolicyEntry, type ConfigSnapshot, type PodInfo } from "./snapshot";
import { ipBlockMatches, namespaceOfPrincipal, principalMatches, wildcardMatches } from "./authorization-matchers";

/** What the server's proxy knows when it authorizes. */
export interface AuthorizationInput {
  /** The caller's `spiffe://…` identity: only over Istio mTLS. */
  principal?: string;
  /** The caller's address as the proxy sees it (source.ip, and remote.ip without trusted proxies). */
  sourceIp?: string;
  /** The pod's own address (destination.ip). */
  destinationIp?: string;
  /** The port the connection arrived at on the pod (the service port's targetPort). */
  port: number;
  /** SNI of the caller's TLS (connection.sni). */
  serverName?: string;
  /** The request; absent for a TCP connection. */
  http?: {
    /** :authority as sent. */
    authority: string;
    method: string;
    /** The path, query included; policies match the part before `?`. */
    path: string;
    /** Lower-case names. */
    headers: Readonly<Record<string, string>>;
  };
}

/** `matchedPolicy` of an allowed request: the ALLOW rule that let it through (none when no ALLOW policy applies). */
export type AuthorizationDecision =
  { allowed: true; matchedPolicy?: string } | { allowed: false; matchedPolicy: string };

/** Envoy's RBAC local reply. */
export const RBAC_DENIED_STATUS = 403;
export const RBAC_DENIED_BODY = "RBAC: access denied";

/** %RESPONSE_CODE_DETAILS% of an RBAC denial. */
export function rbacDeniedDetails(matchedPolicy: string): string {
  return `rbac_access_denied_matched_policy[${matchedPolicy}]`;
}

export function authorizationPoliciesFor(snapshot: ConfigSnapshot, pod: PodInfo): AuthorizationPolicyEntry[] {
  return snapshot.authorizationPolicies.filter(
    (policy) =>
      (policy.namespace === pod.namespace || policy.namespace === snapshot.rootNamespace) &&
      policy.spec.targetRef === undefined &&
      (policy.spec.targetRefs ?? []).length === 0 &&
      labelsMatch(policy.spec.selector?.matchLabels, pod.labels),
  );
}

function given(values: readonly string[] | undefined): values is readonly string[] {
  return values !== undefined && values.length > 0;
}

/**
 * One field of a source or operation. On TCP an HTTP-only field holds: ALLOW rules using one
 * never get this far (`usesHttpOnlyFields`), and other actions drop the field.
 */
function fieldHolds(
  values: readonly string[] | undefined,
  notValues: readonly string[] | undefined,
  matches: (pattern: string) => boolean,
): boolean {
  if (given(values) && !values.some(matches)) return false;
  return !(given(notValues) && notValues.some(matches));
}

function sourceHolds(source: AuthorizationSource, input: AuthorizationInput): boolean {
  const namespace = namespaceOfPrincipal(input.principal);
  const http = input.http !== undefined;
  return (
    fieldHolds(source.principals, source.notPrincipals, (p) => principalMatches(p, input.principal)) &&
    fieldHolds(source.namespaces, source.notNamespaces, (p) => wildcardMatches(p, namespace)) &&
    fieldHolds(source.ipBlocks, source.notIpBlocks, (p) => ipBlockMatches(p, input.sourceIp)) &&
    fieldHolds(source.remoteIpBlocks, source.notRemoteIpBlocks, (p) => ipBlockMatches(p, input.sourceIp)) &&
    (!http || fieldHolds(source.requestPrincipals, source.notRequestPrincipals, () => false))
  );
}

/** Hosts match the authority with or without its port, ignoring case. */
function hostMatches(pattern: string, authority: string): boolean {
  const colon = authority.lastIndexOf(":");
  const bare = colon > 0 && /^\d+$/.test(authority.slice(colon + 1)) ? authority.slice(0, colon) : authority;
  return wildcardMatches(pattern, authority, true) || wildcardMatches(pattern, bare, true);
}

function operationHolds(operation: AuthorizationOperation, input: AuthorizationInput): boolean {
  if (!fieldHolds(operation.ports, operation.notPorts, (p) => p === String(input.port))) return false;
  const http = input.http;
  if (!http) return true;
  const path = http.path.split("?")[0] ?? http.path;
  return (
    fieldHolds(operation.hosts, operation.notHosts, (p) => hostMatches(p, http.authority)) &&
    fieldHolds(operation.methods, operation.notMethods, (p) => wildcardMatches(p, http.method)) &&
    // Istio's `{*}`/`{**}` path templates are not supported: such a path matches only literally.
    fieldHolds(operation.paths, operation.notPaths, (p) => wildcardMatches(p, path))
  );
}

const HEADER_KEY = /^request\.headers\[(.+)\]$/;

/**
 * What a `when` key's values are matched against; keys the simulator cannot know
 * (request.auth.*, experimental.*) match nothing.
 */
function conditionMatcher(key: string, input: AuthorizationInput): (pattern: string) => boolean {
  const header = HEADER_KEY.exec(key)?.[1];
  if (header !== undefined) return (p) => wildcardMatches(p, input.http?.headers[header.toLowerCase()]);
  switch (key) {
    case "source.ip":
    case "remote.ip":
      return (p) => ipBlockMatches(p, input.sourceIp);
    case "destination.ip":
      return (p) => ipBlockMatches(p, input.destinationIp);
    case "destination.port":
      return (p) => p === String(input.port);
    case "source.namespace":
      return (p) => wildcardMatches(p, namespaceOfPrincipal(input.principal));
    case "source.principal":
      return (p) => principalMatches(p, input.principal);
    case "connection.sni":
      return (p) => wildcardMatches(p, input.serverName);
    default:
      return () => false;
  }
}

export function isHttpOnlyKey(key: string | undefined): boolean {
  return key?.startsWith("request.") ?? false;
}

/** An ALLOW rule using any of these is dropped on TCP (it could never be checked there). */
export function usesHttpOnlyFields(rule: AuthorizationRule): boolean {
  return (
    (rule.from ?? []).some(({ source }) => given(source?.requestPrincipals) || given(source?.notRequestPrincipals)) ||
    (rule.to ?? []).some(({ operation: o }) =>
      [o?.hosts, o?.notHosts, o?.methods, o?.notMethods, o?.paths, o?.notPaths].some(given),
    ) ||
    (rule.when ?? []).some((c) => isHttpOnlyKey(c.key))
  );
}

function ruleMatches(rule: AuthorizationRule, action: AuthorizationAction, input: AuthorizationInput): boolean {
  if (!input.http && action === "ALLOW" && usesHttpOnlyFields(rule)) return false;
  const from = rule.from ?? [];
  const to = rule.to ?? [];
  return (
    (from.length === 0 || from.some(({ source }) => sourceHolds(source ?? {}, input))) &&
    (to.length === 0 || to.some(({ operation }) => operationHolds(operation ?? {}, input))) &&
    (rule.when ?? []).every(
      (c) =>
        (!input.http && isHttpOnlyKey(c.key)) ||
        fieldHolds(c.values, c.notValues, conditionMatcher(c.key ?? "", input)),
    )
  );
}

/** `ns[bookinfo]-policy[deny-get]-rule[0]`: the key of a policy rule in Envoy's RBAC filter, as istiod names it. */
export function rbacPolicyName(policy: Pick<AuthorizationPolicyEntry, "namespace" | "name">, index: number): string {
  return `ns[${policy.namespace}]-policy[${policy.name}]-rule[${index}]`;
}

/** The lowest-named rule of `action`'s policies that matches, as Envoy reports it. */
function matchedRule(
  policies: readonly AuthorizationPolicyEntry[],
  action: AuthorizationAction,
  input: AuthorizationInput,
): string | undefined {
  let matched: string | undefined;
  for (const policy of policies) {
    if ((policy.spec.action ?? "ALLOW") !== action) continue;
    (policy.spec.rules ?? []).forEach((rule, index) => {
      const name = rbacPolicyName(policy, index);
      if ((matched === undefined || name < matched) && ruleMatches(rule, action, input)) matched = name;
    });
  }
  return matched;
}

export function authorize(
  policies: readonly AuthorizationPolicyEntry[],
  input: AuthorizationInput,
): AuthorizationDecision {
  if (policies.length === 0) return { allowed: true };
  for (const action of ["CUSTOM", "DENY"] as const) {
    const matched = matchedRule(policies, action, input);
    if (matched !== undefined) return { allowed: false, matchedPolicy: matched };
  }
  if (!policies.some((p) => (p.spec.action ?? "ALLOW") === "ALLOW")) return { allowed: true };
  const allowedBy = matchedRule(policies, "ALLOW", input);
  return allowedBy !== undefined
    ? { allowed: true, matchedPolicy: allowedBy }
    : { allowed: false, matchedPolicy: "none" };
}
