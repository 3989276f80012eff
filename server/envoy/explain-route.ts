/**
 * "Why is this request going there?" — the decision a sidecar's Envoy makes for one HTTP request, replayed on its
 * config dump, with the whole trail:
 *
 * 1. the route configuration: the listener for the request's port fetches the one named by that port (`9080` on a
 *    sidecar; `http.8080` or `https.443.…` on a gateway). With no port in the host, the first configuration that has
 *    a virtual host for the name is taken, and the trail says so;
 * 2. the virtual host whose domains match the Host best (match-domain.ts);
 * 3. the first route, in order, whose conditions all hold (match-conditions.ts); the skipped ones say why;
 * 4. what it does: one cluster, weighted clusters, a redirect or a direct response. No virtual host or no route
 *    means Envoy answers 404 itself, with response flag NR.
 */
import "server-only";
import type {
  EnvoyCluster,
  EnvoyRoute,
  RouteConfig,
  RouteDecision,
  RouteStep,
  VirtualHost,
} from "@/lib/contracts/envoy";
import { testRoute, type RequestUnderTest } from "./match-conditions";
import { isBetterMatch, matchDomain, portOfHost, type DomainMatch } from "./match-domain";

interface FoundConfig {
  config: RouteConfig;
  why: string;
}

/** The names a listener on `port` gives its route configuration (Istio's sidecar and gateway naming). */
function isConfigForPort(name: string, port: number): boolean {
  return name === String(port) || name === `http.${port}` || name.startsWith(`https.${port}.`);
}

function bestVirtualHost(config: RouteConfig, host: string): { vhost: VirtualHost; match: DomainMatch } | undefined {
  let best: { vhost: VirtualHost; match: DomainMatch } | undefined;
  for (const vhost of config.virtualHosts) {
    for (const domain of vhost.domains) {
      const match = matchDomain(domain, host);
      if (match && isBetterMatch(match, best?.match)) best = { vhost, match };
    }
  }
  return best;
}

function findConfig(configs: readonly RouteConfig[], host: string): FoundConfig | undefined {
  const port = portOfHost(host);
  if (port !== undefined) {
    const config = configs.find((c) => isConfigForPort(c.name, port));
    return config && { config, why: `the listener for port ${port} routes with route configuration ${config.name}` };
  }
  const config = configs.find((c) => {
    const found = bestVirtualHost(c, host);
    return found && found.match.kind !== "any";
  });
  return (
    config && {
      config,
      why: `no port in the host: ${config.name} is the first route configuration with a virtual host for ${host}`,
    }
  );
}

const domainWhy: Record<DomainMatch["kind"], string> = {
  exact: "exactly",
  suffix: "by its suffix wildcard",
  prefix: "by its prefix wildcard",
  any: "only through the catch-all *",
};

function describeAction(route: EnvoyRoute): string {
  const a = route.action;
  switch (a.kind) {
    case "cluster":
      return a.cluster === "PassthroughCluster"
        ? "sends it to PassthroughCluster: out of the mesh to the address the caller dialled (outbound traffic policy ALLOW_ANY)"
        : a.cluster === "BlackHoleCluster"
          ? "sends it to BlackHoleCluster: dropped"
          : `sends it to ${a.cluster}`;
    case "weighted":
      return `splits it: ${a.clusters.map((c) => `${c.weight}% to ${c.cluster}`).join(", ")}`;
    case "redirect":
      return `answers ${a.responseCode}, redirecting to ${a.target}`;
    case "direct_response":
      return `answers ${a.status} itself${a.body ? ` ("${a.body}")` : ""}`;
    case "other":
      return `does what Topsail cannot show (${a.description})`;
  }
}

function destinationsOf(route: EnvoyRoute, clusters: readonly EnvoyCluster[]): RouteDecision["destinations"] {
  const byName = new Map(clusters.map((c) => [c.name, c]));
  const withDetails = (cluster: string, weight?: number) => {
    const details = byName.get(cluster);
    return { cluster, ...(weight === undefined ? {} : { weight }), ...(details ? { details } : {}) };
  };
  if (route.action.kind === "cluster") return [withDetails(route.action.cluster)];
  if (route.action.kind === "weighted") return route.action.clusters.map((c) => withDetails(c.cluster, c.weight));
  return [];
}

export function explainRoute(
  summary: { routeConfigs: readonly RouteConfig[]; clusters: readonly EnvoyCluster[] },
  request: RequestUnderTest,
): RouteDecision {
  const base = { request: { ...request }, steps: [] as RouteStep[], destinations: [] };
  const found = findConfig(summary.routeConfigs, request.host);
  if (!found) {
    const port = portOfHost(request.host);
    return {
      ...base,
      outcome: "no_route_config",
      summary:
        port === undefined
          ? `No route configuration has a virtual host for ${request.host}; give the port the caller uses (e.g. ${request.host}:80).`
          : `The proxy has no HTTP route configuration for port ${port}: traffic to that port is not routed by HTTP rules (a TCP or passthrough listener handles it, if any).`,
    };
  }
  const { config } = found;
  const routeConfig = { name: config.name, why: found.why };
  const best = bestVirtualHost(config, request.host);
  if (!best) {
    return {
      ...base,
      routeConfig,
      outcome: "no_virtual_host",
      summary: `No virtual host of route configuration ${config.name} has a domain for ${request.host}: Envoy answers 404 (response flag NR).`,
    };
  }
  const virtualHost = {
    name: best.vhost.name,
    domains: best.vhost.domains,
    matchedDomain: best.match.domain,
    why: `${request.host} matches ${best.match.domain} ${domainWhy[best.match.kind]}`,
  };
  const steps: RouteStep[] = [];
  for (const [index, route] of best.vhost.routes.entries()) {
    const tested = testRoute(route.match, request);
    steps.push({ index, route, matched: tested.ok, reasons: tested.reasons });
    if (!tested.ok) continue;
    const label = route.name ? `route ${index + 1} ("${route.name}")` : `route ${index + 1}`;
    const from = route.virtualService
      ? `, from VirtualService ${route.virtualService.namespace}/${route.virtualService.name},`
      : "";
    return {
      ...base,
      routeConfig,
      virtualHost,
      steps,
      outcome: "routed",
      summary: `In virtual host ${best.vhost.name}, ${label}${from} ${describeAction(route)}.`,
      destinations: destinationsOf(route, summary.clusters),
    };
  }
  return {
    ...base,
    routeConfig,
    virtualHost,
    steps,
    outcome: "no_route",
    summary: `No route of virtual host ${best.vhost.name} matches: Envoy answers 404 (response flag NR).`,
  };
}
