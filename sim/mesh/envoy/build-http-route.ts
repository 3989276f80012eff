/**
 * One VirtualService `http` rule → the Envoy routes istiod writes for it
 * (pilot/pkg/networking/core/route/route.go): one route per match block that can apply to
 * this proxy and port (sourceLabels, sourceNamespace, gateways and port are decided when
 * the config is built, not per request), all carrying the rule's name, its destination
 * (a cluster, or weighted_clusters with the VirtualService's weights), timeout, retry
 * policy, fault filter config, mirrors, the `istio.config` metadata naming the
 * VirtualService and the tracing decorator. Names, ports and policies come from the same
 * router functions the traffic engine calls (lib/istio/routing/route-http.ts, retry-policy.ts,
 * resolve-cluster.ts), so a route in the dump is the route traffic takes.
 */
import { parseDurationMs } from "@/lib/istio/duration";
import type { HTTPMatchRequest, HTTPRoute, StringMatch } from "@/lib/istio/types";
import { qualifyGatewayName } from "@/lib/istio/routing/hosts";
import { labelsMatch, type ConfigSnapshot, type VirtualServiceEntry } from "@/lib/istio/routing/snapshot";
import { percentOf } from "@/lib/istio/routing/pick-weighted";
import { clusterPort, resolveService } from "@/lib/istio/routing/resolve-cluster";
import { buildRetryPolicy } from "@/lib/istio/routing/retry-policy";
import { destinationOf } from "@/lib/istio/routing/evaluate-http-route";
import type { DestinationRef, RetryPolicy, SourceContext } from "@/lib/istio/routing/types";
import { fractionalPercent, istioConfigPath, protoDuration, typed, type EnvoyJson } from "./envoy-json";

/** The host and port a virtual host serves: the default destination and the decorator's fallback. */
export interface RouteTarget {
  host: string;
  port: number;
}

/** Envoy's cluster name for a destination, as resolveCluster names it (also for subsets no rule defines: NC). */
export function clusterNameOf(snapshot: ConfigSnapshot, destination: DestinationRef, requestPort: number): string {
  const port = clusterPort(resolveService(snapshot, destination.host), destination.port, requestPort);
  return `outbound|${port}|${destination.subset ?? ""}|${destination.host}`;
}

function stringMatch(match: StringMatch): EnvoyJson | undefined {
  if (match.exact !== undefined) return { exact: match.exact };
  if (match.prefix !== undefined) return { prefix: match.prefix };
  if (match.regex !== undefined) return { safe_regex: { regex: match.regex } };
  return undefined;
}

function headerMatcher(name: string, match: StringMatch, invert: boolean): EnvoyJson {
  const string = stringMatch(match);
  const out: EnvoyJson = string ? { name, string_match: string } : { name, present_match: true };
  if (invert) out.invert_match = true;
  return out;
}

function routeMatch(block: HTTPMatchRequest | undefined): EnvoyJson {
  const out: EnvoyJson = {};
  const uri = block?.uri;
  if (uri?.exact !== undefined) out.path = uri.exact;
  else if (uri?.regex !== undefined) out.safe_regex = { regex: uri.regex };
  else out.prefix = uri?.prefix ?? "/";
  if (block?.ignoreUriCase) out.case_sensitive = false;
  const headers: EnvoyJson[] = [];
  for (const [name, match] of Object.entries(block?.headers ?? {}))
    headers.push(headerMatcher(name.toLowerCase(), match, false));
  for (const [name, match] of Object.entries(block?.withoutHeaders ?? {}))
    headers.push(headerMatcher(name.toLowerCase(), match, true));
  if (block?.method) headers.push(headerMatcher(":method", block.method, false));
  if (block?.authority) headers.push(headerMatcher(":authority", block.authority, false));
  if (block?.scheme) headers.push(headerMatcher(":scheme", block.scheme, false));
  if (headers.length > 0) out.headers = headers;
  const query = Object.entries(block?.queryParams ?? {}).map(([name, match]): EnvoyJson => {
    const string = stringMatch(match);
    return string ? { name, string_match: string } : { name, present_match: true };
  });
  if (query.length > 0) out.query_parameters = query;
  return out;
}

/** Whether a match block can apply to this proxy on this port (istiod drops the others). */
function blockApplies(block: HTTPMatchRequest, vs: VirtualServiceEntry, source: SourceContext, port: number): boolean {
  if (block.port !== undefined && block.port !== port) return false;
  if (block.sourceLabels && !labelsMatch(block.sourceLabels, source.labels)) return false;
  if (block.sourceNamespace !== undefined && block.sourceNamespace !== source.namespace) return false;
  if (block.gateways && block.gateways.length > 0) {
    const wanted = block.gateways.map((g) => qualifyGatewayName(g, vs.namespace));
    if (!source.gateways.some((g) => wanted.includes(g))) return false;
  }
  return true;
}

/** Istio's route.RetryPolicy: none at all for `attempts: 0`. */
export function retryPolicyJson(policy: RetryPolicy): EnvoyJson | undefined {
  if (policy.attempts <= 0) return undefined;
  const out: EnvoyJson = {
    retry_on: [...policy.retryOn].join(","),
    num_retries: policy.attempts,
    retry_host_predicate: [
      {
        name: "envoy.retry_host_predicates.previous_hosts",
        typed_config: typed("envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate"),
      },
    ],
    host_selection_retry_max_attempts: "5",
  };
  if (policy.perTryTimeoutMs !== undefined) out.per_try_timeout = protoDuration(policy.perTryTimeoutMs);
  if (policy.retriableStatusCodes.size > 0) out.retriable_status_codes = [...policy.retriableStatusCodes];
  return out;
}

/** The fault filter's per-route config, with the percentages the router draws against. */
function faultConfig(rule: HTTPRoute): EnvoyJson | undefined {
  const fault: EnvoyJson = {};
  const delay = rule.fault?.delay;
  const delayMs = delay ? parseDurationMs(delay.fixedDelay ?? delay.exponentialDelay ?? "") : undefined;
  if (delay && delayMs !== undefined && delayMs > 0)
    fault.delay = {
      fixed_delay: protoDuration(delayMs),
      percentage: fractionalPercent(percentOf(delay.percentage, delay.percent)),
    };
  const abort = rule.fault?.abort;
  if (abort?.httpStatus !== undefined)
    fault.abort = { http_status: abort.httpStatus, percentage: fractionalPercent(percentOf(abort.percentage)) };
  if (Object.keys(fault).length === 0) return undefined;
  return typed("envoy.extensions.filters.http.fault.v3.HTTPFault", fault);
}

function mirrorPolicies(
  snapshot: ConfigSnapshot,
  vs: VirtualServiceEntry,
  rule: HTTPRoute,
  target: RouteTarget,
): EnvoyJson[] {
  const mirrors =
    rule.mirrors && rule.mirrors.length > 0
      ? rule.mirrors.map((m) => ({ destination: m.destination, percent: m.percentage?.value ?? 100 }))
      : rule.mirror
        ? [{ destination: rule.mirror, percent: rule.mirrorPercentage?.value ?? rule.mirrorPercent ?? 100 }]
        : [];
  return mirrors.map((m) => ({
    cluster: clusterNameOf(snapshot, destinationOf(vs, m.destination, target.host), target.port),
    runtime_fraction: { default_value: fractionalPercent(m.percent) },
    trace_sampled: false,
  }));
}

/** istiod's getRouteOperation: `<host>:<port><path>` for one cluster, the VirtualService's name for a split. */
function decoratorOperation(match: EnvoyJson, cluster: string | undefined, vsName: string, port: number): string {
  let path = "/*";
  if (typeof match.prefix === "string") path = `${match.prefix}*`;
  else if (typeof match.path === "string") path = match.path;
  else if (typeof match.safe_regex === "object" && match.safe_regex !== null && !Array.isArray(match.safe_regex))
    path = String(match.safe_regex.regex);
  if (cluster) {
    const [, clusterPortText, , host] = cluster.split("|");
    return `${host}:${clusterPortText}${path}`;
  }
  return `${vsName}:${port}${path}`;
}

const REDIRECT_CODES: Record<number, string> = {
  301: "MOVED_PERMANENTLY",
  302: "FOUND",
  303: "SEE_OTHER",
  307: "TEMPORARY_REDIRECT",
  308: "PERMANENT_REDIRECT",
};

function routeAction(
  snapshot: ConfigSnapshot,
  vs: VirtualServiceEntry,
  rule: HTTPRoute,
  target: RouteTarget,
): { action: EnvoyJson; cluster?: string } {
  const destinations = (rule.route ?? []).filter((d) => (rule.route ?? []).length === 1 || (d.weight ?? 0) > 0);
  const named = destinations.map((d) => ({
    name: clusterNameOf(snapshot, destinationOf(vs, d.destination, target.host), target.port),
    weight: d.weight ?? 0,
  }));
  const timeoutMs = rule.timeout ? parseDurationMs(rule.timeout) : undefined;
  const action: EnvoyJson =
    named.length === 1 || named.length === 0
      ? { cluster: named[0]?.name ?? clusterNameOf(snapshot, { host: target.host }, target.port) }
      : { weighted_clusters: { clusters: named.map((n) => ({ name: n.name, weight: n.weight })) } };
  action.timeout = protoDuration(timeoutMs && timeoutMs > 0 ? timeoutMs : 0);
  // No route timeout here: the engine lets a try inherit it, but istiod writes per_try_timeout only when given.
  const retry = retryPolicyJson(buildRetryPolicy(rule.retries, undefined));
  if (retry) action.retry_policy = retry;
  const mirrors = mirrorPolicies(snapshot, vs, rule, target);
  if (mirrors.length > 0) action.request_mirror_policies = mirrors;
  if (rule.rewrite?.uri !== undefined) action.prefix_rewrite = rule.rewrite.uri;
  if (rule.rewrite?.authority !== undefined) action.host_rewrite_literal = rule.rewrite.authority;
  action.max_stream_duration = { max_stream_duration: action.timeout, grpc_timeout_header_max: action.timeout };
  return {
    action,
    ...(named.length <= 1 ? { cluster: typeof action.cluster === "string" ? action.cluster : "" } : {}),
  };
}

export function routesOfRule(
  snapshot: ConfigSnapshot,
  vs: VirtualServiceEntry,
  rule: HTTPRoute,
  source: SourceContext,
  target: RouteTarget,
): EnvoyJson[] {
  const blocks: Array<HTTPMatchRequest | undefined> =
    rule.match && rule.match.length > 0
      ? rule.match.filter((b) => blockApplies(b, vs, source, target.port))
      : [undefined];
  const fault = faultConfig(rule);
  return blocks.map((block) => {
    const match = routeMatch(block);
    const route: EnvoyJson = {};
    if (rule.name) route.name = rule.name;
    route.match = match;
    let cluster: string | undefined;
    if (rule.directResponse?.status !== undefined) {
      const body = rule.directResponse.body?.string;
      route.direct_response = {
        status: rule.directResponse.status,
        ...(body !== undefined ? { body: { inline_string: body } } : {}),
      };
    } else if (rule.redirect) {
      const r = rule.redirect;
      route.redirect = {
        ...(r.uri !== undefined ? { path_redirect: r.uri } : {}),
        ...(r.authority !== undefined ? { host_redirect: r.authority } : {}),
        ...(r.scheme !== undefined ? { scheme_redirect: r.scheme } : {}),
        ...(r.port !== undefined ? { port_redirect: r.port } : {}),
        response_code: REDIRECT_CODES[r.redirectCode ?? 301] ?? "MOVED_PERMANENTLY",
      };
    } else {
      const built = routeAction(snapshot, vs, rule, target);
      route.route = built.action;
      cluster = built.cluster;
    }
    route.metadata = {
      filter_metadata: { istio: { config: istioConfigPath("virtual-service", vs.namespace, vs.name) } },
    };
    route.decorator = { operation: decoratorOperation(match, cluster, vs.name, target.port) };
    if (fault) route.typed_per_filter_config = { "envoy.filters.http.fault": fault };
    return route;
  });
}

/** Istio's `default` route for a host no VirtualService covers: its own cluster, default retries, no timeout. */
export function defaultRoute(snapshot: ConfigSnapshot, target: RouteTarget): EnvoyJson {
  const cluster = clusterNameOf(snapshot, { host: target.host }, target.port);
  const action: EnvoyJson = { cluster, timeout: "0s" };
  const retry = retryPolicyJson(buildRetryPolicy(undefined, undefined));
  if (retry) action.retry_policy = retry;
  action.max_stream_duration = { max_stream_duration: "0s", grpc_timeout_header_max: "0s" };
  return {
    name: "default",
    match: { prefix: "/" },
    route: action,
    decorator: { operation: `${target.host}:${target.port}/*` },
  };
}
