/**
 * KIA0202: the DestinationRule's host is in no registry (no Service, no ServiceEntry), so
 * istiod applies its policies and subsets to nothing.
 */
import "server-only";
import type { DestinationRule } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { isKnownHost, qualifyHost } from "../../hosts";
import { namespaceOf, type Rule } from "../../types";

export const checkDestinationHostExists: Rule<DestinationRule> = (dr, context) => {
  const host = dr.spec?.host;
  if (typeof host !== "string" || host === "") return [];
  const namespace = namespaceOf(dr);
  const fqdn = qualifyHost(host, namespace, context.mesh.domain);
  return isKnownHost(fqdn, namespace, context) ? [] : [buildCheck("KIA0202", "spec/host", { detail: fqdn })];
};
