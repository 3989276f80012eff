/**
 * The HTTP router: a pure function of (snapshot, source, request, random) → decision,
 * mirroring what istiod compiles into a proxy's RDS routes and how Envoy walks them.
 *
 * 1. Pick the VirtualServices that apply to the host for this proxy (a sidecar matches
 *    VSs bound to `mesh`; a gateway those bound to the Gateways that accepted the request).
 * 2. No VS: the default route — the host's own cluster, no fault, no timeout, Istio's
 *    default retry policy.
 * 3. Otherwise walk `http` rules in order; the first rule whose match blocks hold (blocks
 *    ORed, conditions ANDed) wins. None holds → `noRoute` (Envoy's 404 NR); no default is
 *    appended for a host that has a VS.
 * 4. From the winning rule: a weighted destination (weight/sum), the fault (delay and/or
 *    abort, each drawn against its percentage; no percentage, no fault), the timeout,
 *    the retry policy and the mirrors (each drawn against its percentage, absent = 100%).
 * Short hosts in a VS are qualified relative to the VS's namespace.
 */
import { parseDurationMs } from "@/lib/istio/duration";
import type { HTTPRoute } from "@/lib/istio/types";
import { qualifyConfigHost } from "./hosts";
import type { ConfigSnapshot, VirtualServiceEntry } from "./snapshot";
import { anyHttpMatchHolds } from "./match-request";
import { happens, percentOf, pickWeighted } from "./pick-weighted";
import { buildRetryPolicy } from "./retry-policy";
import { selectVirtualServices } from "./select-virtual-services";
import type { DestinationRef, FaultDecision, HttpRequest, HttpRouteDecision, Random, SourceContext } from "./types";

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

function decideFault(rule: HTTPRoute, random: Random): FaultDecision {
  const fault: FaultDecision = {};
  const delay = rule.fault?.delay;
  if (delay) {
    const ms = parseDurationMs(delay.fixedDelay ?? delay.exponentialDelay ?? "");
    if (ms !== undefined && ms > 0 && happens(percentOf(delay.percentage, delay.percent), random)) fault.delayMs = ms;
  }
  const abort = rule.fault?.abort;
  if (abort?.httpStatus !== undefined && happens(percentOf(abort.percentage), random))
    fault.abortStatus = abort.httpStatus;
  return fault;
}

function decideMirrors(vs: VirtualServiceEntry, rule: HTTPRoute, host: string, random: Random): DestinationRef[] {
  if (rule.mirrors && rule.mirrors.length > 0) {
    return rule.mirrors
      .filter((m) => happens(m.percentage?.value ?? 100, random))
      .map((m) => destinationOf(vs, m.destination, host));
  }
  if (!rule.mirror) return [];
  const percent = rule.mirrorPercentage?.value ?? rule.mirrorPercent ?? 100;
  return happens(percent, random) ? [destinationOf(vs, rule.mirror, host)] : [];
}

function routeRule(vs: VirtualServiceEntry, rule: HTTPRoute, request: HttpRequest, random: Random): HttpRouteDecision {
  const name = `${vs.namespace}/${vs.name}`;
  if (rule.directResponse?.status !== undefined)
    return { kind: "directResponse", status: rule.directResponse.status, virtualService: name };
  const chosen = pickWeighted(rule.route ?? [], random);
  const timeout = rule.timeout ? parseDurationMs(rule.timeout) : undefined;
  const timeoutMs = timeout && timeout > 0 ? timeout : undefined;
  return {
    kind: "route",
    destination: destinationOf(vs, chosen?.destination, request.host),
    fault: decideFault(rule, random),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    retry: buildRetryPolicy(rule.retries, timeoutMs),
    mirrors: decideMirrors(vs, rule, request.host, random),
    virtualService: name,
    ...(rule.name ? { routeName: rule.name } : {}),
  };
}

export function routeHttp(
  snapshot: ConfigSnapshot,
  source: SourceContext,
  request: HttpRequest,
  random: Random,
): HttpRouteDecision {
  const virtualServices = selectVirtualServices(snapshot, request.host, source);
  const first = virtualServices[0];
  if (!first) {
    return {
      kind: "route",
      destination: { host: request.host },
      fault: {},
      retry: buildRetryPolicy(undefined, undefined),
      mirrors: [],
      // Istio's catch-all route for a service without a VirtualService is named `default`.
      routeName: "default",
    };
  }
  for (const vs of virtualServices) {
    for (const rule of vs.spec.http ?? []) {
      if (anyHttpMatchHolds(rule.match, request, source, vs.namespace)) return routeRule(vs, rule, request, random);
    }
  }
  return { kind: "noRoute", virtualService: `${first.namespace}/${first.name}` };
}
