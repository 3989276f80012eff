/**
 * TCP routing: the VS's `tcp` rules in order, first L4 match wins, weighted destination
 * per connection. No VS (or a VS with only HTTP rules) → the host's own cluster.
 */
import type { ConfigSnapshot } from "./snapshot";
import { qualifyConfigHost } from "./hosts";
import { anyL4MatchHolds } from "./match-request";
import { pickWeighted } from "./pick-weighted";
import { selectVirtualServices } from "./select-virtual-services";
import type { Random, SourceContext, TcpRouteDecision } from "./types";

export function routeTcp(
  snapshot: ConfigSnapshot,
  source: SourceContext,
  host: string,
  port: number,
  random: Random,
): TcpRouteDecision {
  const virtualServices = selectVirtualServices(snapshot, host, source).filter((vs) => (vs.spec.tcp ?? []).length > 0);
  if (virtualServices.length === 0) return { kind: "route", destination: { host } };
  for (const vs of virtualServices) {
    for (const rule of vs.spec.tcp ?? []) {
      if (!anyL4MatchHolds(rule.match, port, source, vs.namespace)) continue;
      const chosen = pickWeighted(rule.route ?? [], random);
      const d = chosen?.destination;
      return {
        kind: "route",
        destination: {
          host: d?.host ? qualifyConfigHost(d.host, vs.namespace) : host,
          ...(d?.subset ? { subset: d.subset } : {}),
          ...(d?.port?.number !== undefined ? { port: d.port.number } : {}),
        },
        virtualService: `${vs.namespace}/${vs.name}`,
      };
    }
  }
  const first = virtualServices[0];
  return { kind: "noRoute", virtualService: first ? `${first.namespace}/${first.name}` : "" };
}
