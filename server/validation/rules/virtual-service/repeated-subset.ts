/**
 * KIA1105: the same host+subset appears twice among one route's destinations. Istio accepts
 * it, but the weights add up to a split nobody wrote down, and it is usually a typo for
 * another subset.
 */
import "server-only";
import type { VirtualService } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { describeHost, qualifyHost } from "../../hosts";
import { namespaceOf, type Rule } from "../../types";
import { routeLists } from "./route-destinations";

export const checkRepeatedSubsets: Rule<VirtualService> = (vs, context) => {
  const namespace = namespaceOf(vs);
  return routeLists(vs).flatMap((list) => {
    const seen = new Set<string>();
    return list.flatMap(({ path, destination }) => {
      if (typeof destination?.host !== "string") return [];
      const fqdn = qualifyHost(destination.host, namespace, context.mesh.domain);
      const key = `${fqdn}+${destination.subset ?? ""}`;
      if (!seen.has(key)) {
        seen.add(key);
        return [];
      }
      const service = describeHost(fqdn, context.mesh.domain);
      const detail = destination.subset ? `subset ${destination.subset} of ${service}` : service;
      return [buildCheck("KIA1105", `${path}/destination`, { detail })];
    });
  });
};
