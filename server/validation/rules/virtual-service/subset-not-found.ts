/**
 * KIA1107: a route names a subset that no DestinationRule for that host defines. Envoy has
 * no cluster for it and the requests fail with 503 NR — the classic mistake of applying the
 * VirtualService before the DestinationRule.
 */
import "server-only";
import type { VirtualService } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { destinationRulesFor, qualifyHost } from "../../hosts";
import { namespaceOf, type Rule } from "../../types";
import { routeDestinations } from "./route-destinations";

export const checkSubsetsExist: Rule<VirtualService> = (vs, context) => {
  const namespace = namespaceOf(vs);
  return routeDestinations(vs).flatMap(({ path, destination }) => {
    const subset = destination?.subset;
    if (typeof destination?.host !== "string" || typeof subset !== "string" || subset === "") return [];
    const fqdn = qualifyHost(destination.host, namespace, context.mesh.domain);
    const defined = destinationRulesFor(fqdn, namespace, context).some((dr) =>
      (dr.spec?.subsets ?? []).some((s) => s?.name === subset),
    );
    return defined ? [] : [buildCheck("KIA1107", `${path}/destination`, { detail: `${fqdn}+${subset}` })];
  });
};
