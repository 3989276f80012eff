/**
 * KIA1107: a route names a subset that no DestinationRule for that host defines. Envoy has
 * no cluster for it and the requests fail with 503 NR — the classic mistake of applying the
 * VirtualService before the DestinationRule.
 */
import "server-only";
import type { VirtualService } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { describeHost, destinationRulesFor, qualifyHost } from "../../hosts";
import { namespaceOf, type Rule } from "../../types";
import { routeDestinations } from "./route-destinations";

/** Said in words, never as Istio's internal `host+subset` key; the write path's confirmation says the same. */
export function subsetNotDefinedMessage(subset: string, service: string): string {
  return `subset ${subset} of ${service} is not defined in any DestinationRule`;
}

export const checkSubsetsExist: Rule<VirtualService> = (vs, context) => {
  const namespace = namespaceOf(vs);
  return routeDestinations(vs).flatMap(({ path, destination }) => {
    const subset = destination?.subset;
    if (typeof destination?.host !== "string" || typeof subset !== "string" || subset === "") return [];
    const fqdn = qualifyHost(destination.host, namespace, context.mesh.domain);
    const defined = destinationRulesFor(fqdn, namespace, context).some((dr) =>
      (dr.spec?.subsets ?? []).some((s) => s?.name === subset),
    );
    if (defined) return [];
    const detail = subsetNotDefinedMessage(subset, describeHost(fqdn, context.mesh.domain));
    return [buildCheck("KIA1107", `${path}/destination`, { detail })];
  });
};
