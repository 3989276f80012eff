/**
 * KIA0209: a subset with no labels selects every endpoint of the host, which is rarely what
 * a "version" subset means. When other subsets do carry labels it is more likely deliberate
 * (an "all" subset), so the warning softens to info, as in Kiali.
 */
import "server-only";
import type { DestinationRule } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { asLabels } from "../../labels";
import type { Rule } from "../../types";

const hasLabels = (subset: unknown) =>
  Object.keys(asLabels((subset as { labels?: unknown } | null)?.labels) ?? {}).length > 0;

export const checkSubsetsHaveLabels: Rule<DestinationRule> = (dr) => {
  const subsets = Array.isArray(dr.spec?.subsets) ? dr.spec.subsets : [];
  const anyLabelled = subsets.some(hasLabels);
  return subsets.flatMap((subset, i) =>
    hasLabels(subset)
      ? []
      : [
          buildCheck("KIA0209", `spec/subsets[${i}]`, {
            detail: subset?.name ?? "",
            severity: anyLabelled ? "info" : "warning",
          }),
        ],
  );
};
