/**
 * KIA1101: a route sends traffic to a host the registry does not know (no Service, no
 * ServiceEntry visible from the VirtualService's namespace). Envoy has no cluster for it, so
 * those requests fail with 503 NR.
 */
import "server-only";
import type { VirtualService } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { isKnownHost, qualifyHost } from "../../hosts";
import { namespaceOf, type Rule } from "../../types";
import { routeDestinations } from "./route-destinations";

export const checkRouteHostsExist: Rule<VirtualService> = (vs, context) => {
  const namespace = namespaceOf(vs);
  return routeDestinations(vs).flatMap(({ path, destination }) => {
    const host = destination?.host;
    if (typeof host !== "string" || host === "") return [];
    const fqdn = qualifyHost(host, namespace, context.mesh.domain);
    return isKnownHost(fqdn, namespace, context)
      ? []
      : [buildCheck("KIA1101", `${path}/destination/host`, { detail: fqdn })];
  });
};
