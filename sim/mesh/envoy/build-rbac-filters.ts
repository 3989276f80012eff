/**
 * The RBAC filters istiod writes into a sidecar's inbound chains from the AuthorizationPolicies that apply to the
 * workload — chosen by the router's own `authorizationPoliciesFor`, so the dump shows exactly the policies the
 * simulated proxy enforces (lib/istio/routing/authorize-request.ts). One filter per action, in the order the router
 * decides: AUDIT (action LOG, decides nothing), CUSTOM (no external authorizer is configured, so istiod's fail-closed
 * filter denies what the policy matches), DENY, then ALLOW. A filter's `rules.policies` are keyed
 * `ns[<namespace>]-policy[<name>]-rule[<index>]` (`rbacPolicyName`, the name a denial reports); ALLOW is the proto
 * default and so is not printed. An ALLOW filter whose policies have no rules has no policies: it denies all.
 *
 * Each rule becomes one Envoy policy: a permission per `to` operation and a principal per `from` source (`any` when
 * the list is empty), every field an OR of its values and its `not` values a negated OR, the `when` conditions added
 * to the principals (source and request attributes) or the permissions (destination and connection ones), as
 * istiod's authz builder places them. Values: `*` → present (`.+`), `prefix*`, `*suffix`, else exact; principals
 * gain `spiffe://`; namespaces match the principal's `/ns/<name>/` segment.
 *
 * On a TCP port (network RBAC) what only HTTP carries cannot be checked: an ALLOW rule using such a field is dropped
 * (`usesHttpOnlyFields`), other actions drop just the field — the router's semantics.
 */
import type {
  AuthorizationAction,
  AuthorizationOperation,
  AuthorizationRule,
  AuthorizationSource,
} from "@/lib/istio/types";
import type { AuthorizationPolicyEntry, ConfigSnapshot, PodInfo } from "@/lib/istio/routing/snapshot";
import {
  authorizationPoliciesFor,
  isHttpOnlyKey,
  rbacPolicyName,
  usesHttpOnlyFields,
} from "@/lib/istio/routing/authorize-request";
import { typed, type EnvoyJson } from "./envoy-json";

const HTTP_RBAC_TYPE = "envoy.extensions.filters.http.rbac.v3.RBAC";
const NETWORK_RBAC_TYPE = "envoy.extensions.filters.network.rbac.v3.RBAC";

type Layer = "http" | "tcp";

/** Istio's actions in the order its filters run, with the Envoy RBAC action each filter takes. */
const FILTER_ORDER: ReadonlyArray<{ action: AuthorizationAction; envoy?: "LOG" | "DENY" }> = [
  { action: "AUDIT", envoy: "LOG" },
  { action: "CUSTOM", envoy: "DENY" },
  { action: "DENY", envoy: "DENY" },
  { action: "ALLOW" },
];

function stringMatch(pattern: string): EnvoyJson {
  if (pattern === "*") return { safe_regex: { regex: ".+" } };
  if (pattern.startsWith("*")) return { suffix: pattern.slice(1) };
  if (pattern.endsWith("*")) return { prefix: pattern.slice(0, -1) };
  return { exact: pattern };
}

function cidr(block: string): EnvoyJson {
  const [address = "", bits] = block.split("/");
  return { address_prefix: address, prefix_len: bits === undefined ? 32 : Number(bits) };
}

const escapeRegex = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");

const principalId = (p: string): EnvoyJson => ({
  authenticated: { principal_name: p === "*" ? stringMatch("*") : stringMatch(`spiffe://${p}`) },
});
const namespaceId = (ns: string): EnvoyJson => ({
  authenticated: {
    principal_name: { safe_regex: { regex: `.*/ns/${escapeRegex(ns).replace(/\*/g, ".*")}/.*` } },
  },
});
const authnMetadata = (key: string, p: string): EnvoyJson => ({
  metadata: { filter: "istio_authn", path: [{ key }], value: { string_match: stringMatch(p) } },
});

/** An identity field: OR of its values, and NOT(OR) of its `not` values. */
function ids(
  values: readonly string[] | undefined,
  notValues: readonly string[] | undefined,
  id: (v: string) => EnvoyJson,
) {
  const out: EnvoyJson[] = [];
  if (values?.length) out.push({ or_ids: { ids: values.map(id) } });
  if (notValues?.length) out.push({ not_id: { or_ids: { ids: notValues.map(id) } } });
  return out;
}

function rules(
  values: readonly string[] | undefined,
  notValues: readonly string[] | undefined,
  rule: (v: string) => EnvoyJson,
) {
  const out: EnvoyJson[] = [];
  if (values?.length) out.push({ or_rules: { rules: values.map(rule) } });
  if (notValues?.length) out.push({ not_rule: { or_rules: { rules: notValues.map(rule) } } });
  return out;
}

function sourceIds(source: AuthorizationSource, layer: Layer): EnvoyJson[] {
  return [
    ...ids(source.principals, source.notPrincipals, principalId),
    ...(layer === "http"
      ? ids(source.requestPrincipals, source.notRequestPrincipals, (p) => authnMetadata("request.auth.principal", p))
      : []),
    ...ids(source.namespaces, source.notNamespaces, namespaceId),
    ...ids(source.ipBlocks, source.notIpBlocks, (b) => ({ direct_remote_ip: cidr(b) })),
    ...ids(source.remoteIpBlocks, source.notRemoteIpBlocks, (b) => ({ remote_ip: cidr(b) })),
  ];
}

function operationRules(operation: AuthorizationOperation, layer: Layer): EnvoyJson[] {
  const http = layer === "http";
  return [
    ...(http
      ? rules(operation.hosts, operation.notHosts, (h) => ({
          header: { name: ":authority", string_match: { ...stringMatch(h), ignore_case: true } },
        }))
      : []),
    ...rules(operation.ports, operation.notPorts, (p) => ({ destination_port: Number(p) })),
    ...(http
      ? rules(operation.methods, operation.notMethods, (m) => ({
          header: { name: ":method", string_match: stringMatch(m) },
        }))
      : []),
    ...(http ? rules(operation.paths, operation.notPaths, (p) => ({ url_path: { path: stringMatch(p) } })) : []),
  ];
}

const HEADER_KEY = /^request\.headers\[(.+)\]$/;
const CLAIM_KEY = /^request\.auth\.claims\[(.+)\]$/;

/** A `when` condition's side and matcher: caller and request attributes are principals, the rest permissions. */
function conditionMatcher(
  key: string,
): { side: "principal" | "permission"; match: (v: string) => EnvoyJson } | undefined {
  const header = HEADER_KEY.exec(key)?.[1];
  if (header !== undefined)
    return { side: "principal", match: (v) => ({ header: { name: header, string_match: stringMatch(v) } }) };
  const claim = CLAIM_KEY.exec(key)?.[1];
  if (claim !== undefined)
    return { side: "principal", match: (v) => authnMetadata(`request.auth.claims[${claim}]`, v) };
  switch (key) {
    case "source.ip":
      return { side: "principal", match: (v) => ({ direct_remote_ip: cidr(v) }) };
    case "remote.ip":
      return { side: "principal", match: (v) => ({ remote_ip: cidr(v) }) };
    case "source.namespace":
      return { side: "principal", match: namespaceId };
    case "source.principal":
      return { side: "principal", match: principalId };
    case "request.auth.principal":
    case "request.auth.audiences":
    case "request.auth.presenter":
      return { side: "principal", match: (v) => authnMetadata(key, v) };
    case "destination.ip":
      return { side: "permission", match: (v) => ({ destination_ip: cidr(v) }) };
    case "destination.port":
      return { side: "permission", match: (v) => ({ destination_port: Number(v) }) };
    case "connection.sni":
      return { side: "permission", match: (v) => ({ requested_server_name: stringMatch(v) }) };
    default:
      return undefined;
  }
}

function whenClauses(rule: AuthorizationRule, layer: Layer, side: "principal" | "permission"): EnvoyJson[] {
  return (rule.when ?? []).flatMap((c) => {
    if (layer === "tcp" && isHttpOnlyKey(c.key)) return [];
    const matcher = conditionMatcher(c.key ?? "");
    if (!matcher || matcher.side !== side) return [];
    return side === "principal"
      ? ids(c.values, c.notValues, matcher.match)
      : rules(c.values, c.notValues, matcher.match);
  });
}

/** One AuthorizationPolicy rule as an Envoy RBAC policy. */
export function rbacPolicyOf(rule: AuthorizationRule, layer: Layer): EnvoyJson {
  const operations = (rule.to ?? []).map((t) => t.operation ?? {});
  const sources = (rule.from ?? []).map((f) => f.source ?? {});
  const permissionWhen = whenClauses(rule, layer, "permission");
  const principalWhen = whenClauses(rule, layer, "principal");
  const permissions = (operations.length > 0 ? operations : [{}]).map((op) => {
    const clauses = [...operationRules(op, layer), ...permissionWhen];
    return { and_rules: { rules: clauses.length > 0 ? clauses : [{ any: true }] } };
  });
  const principals = (sources.length > 0 ? sources : [{}]).map((source) => {
    const clauses = [...sourceIds(source, layer), ...principalWhen];
    return { and_ids: { ids: clauses.length > 0 ? clauses : [{ any: true }] } };
  });
  return { permissions, principals };
}

function policiesOf(policies: readonly AuthorizationPolicyEntry[], layer: Layer, allow: boolean): EnvoyJson {
  const out: EnvoyJson = {};
  for (const policy of policies)
    (policy.spec.rules ?? []).forEach((rule, index) => {
      if (layer === "tcp" && allow && usesHttpOnlyFields(rule)) return;
      out[rbacPolicyName(policy, index)] = rbacPolicyOf(rule, layer);
    });
  return out;
}

/**
 * The RBAC filters for the policies that apply to the proxy's workload on an HTTP (`envoy.filters.http.rbac`) or a
 * TCP (`envoy.filters.network.rbac`) inbound chain; none when no policy applies.
 */
export function buildRbacFilters(snapshot: ConfigSnapshot, proxy: PodInfo, layer: Layer): EnvoyJson[] {
  const applicable = authorizationPoliciesFor(snapshot, proxy);
  return FILTER_ORDER.flatMap(({ action, envoy }) => {
    const policies = applicable.filter((p) => (p.spec.action ?? "ALLOW") === action);
    if (policies.length === 0) return [];
    const policyMap = policiesOf(policies, layer, action === "ALLOW");
    const rbacRules: EnvoyJson = {
      ...(envoy ? { action: envoy } : {}),
      ...(Object.keys(policyMap).length > 0 ? { policies: policyMap } : {}),
    };
    return [
      layer === "http"
        ? { name: "envoy.filters.http.rbac", typed_config: typed(HTTP_RBAC_TYPE, { rules: rbacRules }) }
        : {
            name: "envoy.filters.network.rbac",
            typed_config: typed(NETWORK_RBAC_TYPE, { rules: rbacRules, stat_prefix: "tcp." }),
          },
    ];
  });
}
