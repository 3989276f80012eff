/**
 * The egress gateway's routes: for every Gateway whose selector picks egress gateway pods
 * (an `istio` label such as `egressgateway`, server/mesh/control-plane.ts), the
 * VirtualServices bound to its servers' hosts (server/gateways/bound-virtual-services.ts) and,
 * in each, the http/tls/tcp rules that apply at that gateway: a rule whose matches name only
 * other gateways (typically `mesh`, the sidecars' half of Istio's egress-gateway recipe) is
 * not the gateway's. Each route says what it matches (port, SNI) and where it sends traffic.
 */
import "server-only";
import type { EgressRoute } from "@/lib/contracts/egress";
import type { Gateway, GatewayServer, RouteDestination, VirtualService } from "@/lib/istio/types";
import { gatewayKindOf } from "@/server/mesh/control-plane";
import { resolveGatewayName, workloadsSelected, type ValidationContext } from "@/server/validation";
import { virtualServicesForHost } from "@/server/gateways/bound-virtual-services";

interface RuleMatch {
  port?: number;
  sniHosts?: string[];
  gateways?: string[];
}

interface Rule {
  match?: RuleMatch[];
  route?: RouteDestination[];
}

const RULE_KINDS = ["http", "tls", "tcp"] as const;

function egressWorkloadsOf(gateway: Gateway, context: ValidationContext): string[] {
  const selector = gateway.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  return workloadsSelected(selector, "*", context)
    .filter((w) => gatewayKindOf(w.labels) === "egress")
    .map((w) => `${w.namespace}/${w.name}`);
}

function namesGateway(names: readonly string[], gateway: Gateway, vsNamespace: string): boolean {
  return names.some((name) => {
    const ref = resolveGatewayName(name, vsNamespace);
    return (
      ref !== undefined &&
      ref.name === gateway.metadata.name &&
      ref.namespace === (gateway.metadata.namespace ?? "default")
    );
  });
}

/** The rule's matches that apply at this gateway's server; undefined when the rule does not apply there. */
function matchesAtGateway(
  rule: Rule,
  gateway: Gateway,
  server: GatewayServer,
  vs: VirtualService,
): RuleMatch[] | undefined {
  const namespace = vs.metadata.namespace ?? "default";
  const matches = rule.match ?? [];
  if (matches.length === 0) return [];
  // A match without `gateways` inherits the VirtualService's, which name this gateway (it is bound);
  // a match on a port holds only on the server of that port.
  const applying = matches.filter(
    (m) =>
      (!m.gateways || namesGateway(m.gateways, gateway, namespace)) &&
      (m.port === undefined || m.port === server.port?.number),
  );
  return applying.length > 0 ? applying : undefined;
}

function describeMatch(m: RuleMatch): string[] {
  return [
    ...(m.port !== undefined ? [`port ${m.port}`] : []),
    ...(m.sniHosts && m.sniHosts.length > 0 ? [`sni ${m.sniHosts.join(", ")}`] : []),
  ];
}

function serverOf(server: GatewayServer): EgressRoute["server"] {
  return {
    ...(server.port?.number !== undefined ? { port: server.port.number } : {}),
    protocol: (server.port?.protocol ?? "").toUpperCase(),
    ...(server.tls?.mode ? { tlsMode: server.tls.mode } : {}),
  };
}

function routesOf(
  vs: VirtualService,
  gateway: Gateway,
  server: GatewayServer,
  workloads: string[],
  hosts: string[],
): EgressRoute[] {
  return RULE_KINDS.flatMap((kind) =>
    ((vs.spec?.[kind] ?? []) as Rule[]).flatMap((rule): EgressRoute[] => {
      const matches = matchesAtGateway(rule, gateway, server, vs);
      if (matches === undefined) return [];
      return [
        {
          virtualService: { namespace: vs.metadata.namespace ?? "default", name: vs.metadata.name ?? "" },
          gateway: { namespace: gateway.metadata.namespace ?? "default", name: gateway.metadata.name ?? "" },
          gatewayWorkloads: workloads,
          server: serverOf(server),
          kind,
          hosts,
          match: matches.flatMap(describeMatch),
          destinations: (rule.route ?? []).map((r) => ({
            host: r.destination?.host ?? "",
            ...(r.destination?.subset ? { subset: r.destination.subset } : {}),
            ...(r.destination?.port?.number !== undefined ? { port: r.destination.port.number } : {}),
            ...(r.weight !== undefined ? { weight: r.weight } : {}),
          })),
        },
      ];
    }),
  );
}

export function egressGatewayRoutes(context: ValidationContext): EgressRoute[] {
  const domain = context.mesh.domain;
  return context.gateways.flatMap((gateway) => {
    const workloads = egressWorkloadsOf(gateway, context);
    if (workloads.length === 0) return [];
    const seen = new Set<string>();
    return (gateway.spec?.servers ?? []).flatMap((server) =>
      (server.hosts ?? []).flatMap((hostEntry) =>
        virtualServicesForHost(gateway, hostEntry, context.virtualServices, domain).flatMap((bound) => {
          const key = `${bound.namespace}/${bound.name}|${server.port?.number ?? ""}`;
          if (seen.has(key)) return [];
          seen.add(key);
          const vs = context.virtualServices.find(
            (v) => v.metadata.name === bound.name && (v.metadata.namespace ?? "default") === bound.namespace,
          );
          return vs ? routesOf(vs, gateway, server, workloads, bound.hosts) : [];
        }),
      ),
    );
  });
}
