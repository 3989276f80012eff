/**
 * Route configurations of a config dump, as Envoy evaluates them: route configuration (a sidecar's is named by port,
 * `9080`) → virtual hosts with their domains → routes in order, each with its match (path, headers, query), its action
 * (one cluster, weighted clusters, a redirect or a direct response), timeout, retries, fault, mirrors, and the
 * VirtualService that produced it (Istio's `istio.config` metadata on the route).
 */
import "server-only";
import type { EnvoyRoute, HeaderMatch, RouteAction, RouteConfig, RouteMatch } from "@/lib/contracts/envoy";
import {
  httpFaultSchema,
  type ConfigDump,
  type EnvoyRouteConfigRoute,
  type FractionalPercent,
  type HeaderMatcher,
  type QueryParameterMatcher,
  type RouteConfiguration,
  type StringMatcher,
} from "@/lib/envoy/config-dump";
import { istioObjectOf } from "./istio-metadata";

const denominators: Record<string, number> = { HUNDRED: 100, TEN_THOUSAND: 10_000, MILLION: 1_000_000 };

/** A FractionalPercent as a percentage (Istio writes 100% as 1000000/MILLION). */
export function percentOf(fraction: FractionalPercent | undefined): number {
  if (!fraction) return 100;
  const denominator = denominators[fraction.denominator ?? "HUNDRED"] ?? 100;
  return ((fraction.numerator ?? 0) * 100) / denominator;
}

function fromStringMatcher(name: string, m: StringMatcher, invert: boolean): HeaderMatch {
  const ignoreCase = m.ignore_case ?? false;
  const base = { name, ignoreCase, invert };
  if (m.exact !== undefined) return { ...base, kind: "exact", value: m.exact };
  if (m.prefix !== undefined) return { ...base, kind: "prefix", value: m.prefix };
  if (m.suffix !== undefined) return { ...base, kind: "suffix", value: m.suffix };
  if (m.contains !== undefined) return { ...base, kind: "contains", value: m.contains };
  if (m.safe_regex !== undefined) return { ...base, kind: "regex", value: m.safe_regex.regex };
  // An empty StringMatcher is Envoy's `exact: ""`.
  return { ...base, kind: "exact", value: "" };
}

export function toHeaderMatch(h: HeaderMatcher): HeaderMatch {
  const invert = h.invert_match ?? false;
  const base = { name: h.name, ignoreCase: false, invert };
  if (h.string_match) return fromStringMatcher(h.name, h.string_match, invert);
  if (h.exact_match !== undefined) return { ...base, kind: "exact", value: h.exact_match };
  if (h.prefix_match !== undefined) return { ...base, kind: "prefix", value: h.prefix_match };
  if (h.suffix_match !== undefined) return { ...base, kind: "suffix", value: h.suffix_match };
  if (h.contains_match !== undefined) return { ...base, kind: "contains", value: h.contains_match };
  if (h.safe_regex_match) return { ...base, kind: "regex", value: h.safe_regex_match.regex };
  if (h.range_match)
    return { ...base, kind: "range", value: `[${h.range_match.start ?? 0}, ${h.range_match.end ?? 0})` };
  // A matcher naming only the header is a presence check; present_match false asks for its absence.
  return { ...base, kind: h.present_match === false ? "absent" : "present" };
}

function toQueryMatch(q: QueryParameterMatcher): HeaderMatch {
  if (q.string_match) return fromStringMatcher(q.name, q.string_match, false);
  return { name: q.name, kind: "present", ignoreCase: false, invert: false };
}

function toMatch(route: EnvoyRouteConfigRoute): RouteMatch {
  const m = route.match;
  const path: RouteMatch["path"] =
    m.prefix !== undefined
      ? { kind: "prefix", value: m.prefix }
      : m.path !== undefined
        ? { kind: "path", value: m.path }
        : m.safe_regex !== undefined
          ? { kind: "regex", value: m.safe_regex.regex }
          : m.path_separated_prefix !== undefined
            ? { kind: "path_separated_prefix", value: m.path_separated_prefix }
            : m.connect_matcher !== undefined
              ? { kind: "connect", value: "CONNECT" }
              : { kind: "other", value: "" };
  return {
    path,
    caseSensitive: m.case_sensitive ?? true,
    headers: (m.headers ?? []).map(toHeaderMatch),
    queryParameters: (m.query_parameters ?? []).map(toQueryMatch),
  };
}

const redirectCodes: Record<string, number> = {
  MOVED_PERMANENTLY: 301,
  FOUND: 302,
  SEE_OTHER: 303,
  TEMPORARY_REDIRECT: 307,
  PERMANENT_REDIRECT: 308,
};

function toAction(route: EnvoyRouteConfigRoute): RouteAction {
  const r = route.route;
  if (r?.weighted_clusters) {
    return {
      kind: "weighted",
      clusters: r.weighted_clusters.clusters.map((c) => ({ cluster: c.name, weight: c.weight ?? 0 })),
    };
  }
  if (r?.cluster !== undefined) return { kind: "cluster", cluster: r.cluster };
  if (r?.cluster_header !== undefined)
    return { kind: "other", description: `cluster named by header ${r.cluster_header}` };
  if (route.redirect) {
    const d = route.redirect;
    const scheme = d.https_redirect ? "https" : d.scheme_redirect;
    const target = [
      scheme ? `${scheme}://` : "",
      d.host_redirect ?? "",
      d.port_redirect ? `:${d.port_redirect}` : "",
      d.path_redirect ?? (d.prefix_rewrite ? `${d.prefix_rewrite}…` : ""),
    ].join("");
    return {
      kind: "redirect",
      target: target || "(same URL)",
      responseCode: redirectCodes[d.response_code ?? ""] ?? 301,
    };
  }
  if (route.direct_response) {
    const body = route.direct_response.body?.inline_string;
    return { kind: "direct_response", status: route.direct_response.status, ...(body ? { body } : {}) };
  }
  return { kind: "other", description: "an action Topsail does not read" };
}

function faultOf(route: EnvoyRouteConfigRoute): EnvoyRoute["fault"] {
  const parsed = httpFaultSchema.safeParse(route.typed_per_filter_config?.["envoy.filters.http.fault"]);
  if (!parsed.success) return undefined;
  const { delay, abort } = parsed.data;
  if (!delay && !abort) return undefined;
  return {
    ...(delay ? { delay: { duration: delay.fixed_delay ?? "", percent: percentOf(delay.percentage) } } : {}),
    ...(abort
      ? {
          abort: {
            ...(abort.http_status === undefined ? {} : { httpStatus: abort.http_status }),
            ...(abort.grpc_status === undefined ? {} : { grpcStatus: abort.grpc_status }),
            percent: percentOf(abort.percentage),
          },
        }
      : {}),
  };
}

export function toRoute(route: EnvoyRouteConfigRoute): EnvoyRoute {
  const r = route.route;
  const vs = istioObjectOf(route.metadata);
  const retry = r?.retry_policy;
  return {
    ...(route.name ? { name: route.name } : {}),
    match: toMatch(route),
    action: toAction(route),
    ...(r?.timeout ? { timeout: r.timeout } : {}),
    ...(retry
      ? {
          retries: {
            // Envoy retries once when a policy names no count.
            attempts: retry.num_retries ?? 1,
            ...(retry.per_try_timeout ? { perTryTimeout: retry.per_try_timeout } : {}),
            ...(retry.retry_on ? { retryOn: retry.retry_on } : {}),
          },
        }
      : {}),
    ...(faultOf(route) ? { fault: faultOf(route) } : {}),
    mirrors: (r?.request_mirror_policies ?? []).map((m) => ({
      cluster: m.cluster,
      percent: percentOf(m.runtime_fraction?.default_value),
    })),
    ...(route.decorator ? { operation: route.decorator.operation } : {}),
    ...(vs?.kind === "VirtualService" ? { virtualService: vs } : {}),
  };
}

export function toRouteConfig(config: RouteConfiguration): RouteConfig {
  return {
    name: config.name,
    virtualHosts: config.virtual_hosts.map((v) => ({
      name: v.name,
      domains: v.domains,
      routes: v.routes.map(toRoute),
    })),
  };
}

export function summarizeRoutes(dump: ConfigDump): RouteConfig[] {
  const section = dump.RoutesConfigDump;
  if (!section) return [];
  return [...section.dynamic_route_configs, ...section.static_route_configs].map((c) => toRouteConfig(c.route_config));
}
