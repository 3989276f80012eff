/** TCP and TLS routes: a route list is required; TLS routes also need SNI matches. */
import type { TCPRoute, TLSRoute, VirtualServiceSpec } from "../../types";
import { checkGatewayNames, checkLabels, hostsMatch, validatePort, validateWildcardDomain } from "../common-checks";
import { MESSAGES as M } from "../messages";
import type { Findings } from "../types";
import { checkRouteDestinations } from "./route-destinations";

export function checkTcpRoute(f: Findings, path: string, tcp: TCPRoute): void {
  (tcp.match ?? []).forEach((m, i) => {
    if (m.port !== undefined && m.port !== 0) f.error(`${path}/match[${i}]/port`, validatePort(m.port));
    checkLabels(f, `${path}/match[${i}]/sourceLabels`, m.sourceLabels);
    checkGatewayNames(f, `${path}/match[${i}]/gateways`, m.gateways);
  });
  if ((tcp.route ?? []).length === 0) f.error(`${path}/route`, M.tcpRouteRequired());
  checkRouteDestinations(f, `${path}/route`, tcp.route);
}

export function checkTlsRoute(f: Findings, path: string, tls: TLSRoute, spec: VirtualServiceSpec): void {
  if ((tls.match ?? []).length === 0) f.error(`${path}/match`, M.tlsMatchRequired());
  (tls.match ?? []).forEach((m, i) => {
    const at = `${path}/match[${i}]`;
    if ((m.sniHosts ?? []).length === 0) f.error(`${at}/sniHosts`, M.tlsSniRequired());
    for (const sni of m.sniHosts ?? []) {
      const err = validateWildcardDomain(sni);
      if (err) {
        f.error(`${at}/sniHosts`, err);
        continue;
      }
      if (!(spec.hosts ?? []).some((h) => hostsMatch(sni, h))) {
        f.error(`${at}/sniHosts`, M.sniNotSubset(sni, spec.hosts ?? []));
      }
    }
    if (m.port !== undefined && m.port !== 0) f.error(`${at}/port`, validatePort(m.port));
    checkGatewayNames(f, `${at}/gateways`, m.gateways);
  });
  if ((tls.route ?? []).length === 0) f.error(`${path}/route`, M.tlsRouteRequired());
  checkRouteDestinations(f, `${path}/route`, tls.route);
}
