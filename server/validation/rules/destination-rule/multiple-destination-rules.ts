/**
 * KIA0201: two DestinationRules for the same host, visible from the same namespace, that
 * overlap — one of them covers the whole host (no subsets) or both define the same subset.
 * istiod keeps only the first one it sees for the overlapping part, with no guaranteed order.
 */
import "server-only";
import type { DestinationRule } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { describeHost, qualifyHost } from "../../hosts";
import { isSameObject, namespaceOf, type Rule } from "../../types";

function subsetNames(dr: DestinationRule): string[] {
  const subsets = Array.isArray(dr.spec?.subsets) ? dr.spec.subsets : [];
  return subsets.map((s) => (typeof s?.name === "string" ? s.name : ""));
}

export const checkSingleDestinationRulePerSubset: Rule<DestinationRule> = (dr, context) => {
  const host = dr.spec?.host;
  if (typeof host !== "string" || host === "") return [];
  const domain = context.mesh.domain;
  const namespace = namespaceOf(dr);
  const fqdn = qualifyHost(host, namespace, domain);
  // Rules with a workloadSelector apply to chosen clients only; Kiali leaves them out too.
  if (dr.spec?.workloadSelector) return [];
  const others = context.destinationRules.filter(
    (other) =>
      !isSameObject(other, dr) &&
      !other.spec?.workloadSelector &&
      typeof other.spec?.host === "string" &&
      qualifyHost(other.spec.host, namespaceOf(other), domain) === fqdn,
  );
  if (others.length === 0) return [];
  const mine = subsetNames(dr);
  const ids = (list: DestinationRule[]) => list.map((o) => `${namespaceOf(o)}/${o.metadata.name ?? ""}`).join(", ");
  const wholeHost = mine.length === 0 ? others : others.filter((o) => subsetNames(o).length === 0);
  if (wholeHost.length > 0)
    return [buildCheck("KIA0201", "spec/host", { detail: `${fqdn} is also configured by ${ids(wholeHost)}` })];
  return mine.flatMap((name, i) => {
    const clashing = others.filter((o) => subsetNames(o).includes(name));
    return clashing.length === 0
      ? []
      : [
          buildCheck("KIA0201", `spec/subsets[${i}]`, {
            detail: `subset ${name} of ${describeHost(fqdn, domain)} is also defined by ${ids(clashing)}`,
          }),
        ];
  });
};
