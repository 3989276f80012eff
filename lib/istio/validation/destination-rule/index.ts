/** istiod's ValidateDestinationRule: host, top-level policy, subsets (unique, valid names and labels, own policies). */
import type { DestinationRuleSpec } from "../../types";
import {
  checkExportTo,
  checkLabels,
  checkWorkloadSelector,
  validateSubsetName,
  validateWildcardDomain,
} from "../common-checks";
import { MESSAGES as M } from "../messages";
import type { Findings } from "../types";
import { checkTrafficPolicy } from "./traffic-policy";

export function checkDestinationRule(f: Findings, spec: DestinationRuleSpec, namespace: string | undefined): void {
  f.error("spec/host", validateWildcardDomain(spec.host ?? ""));
  checkTrafficPolicy(f, "spec/trafficPolicy", spec.trafficPolicy);
  const names = new Set<string>();
  (spec.subsets ?? []).forEach((subset, i) => {
    const at = `spec/subsets[${i}]`;
    if (!subset) {
      f.error(at, M.subsetNull());
      return;
    }
    const name = subset.name ?? "";
    if (names.has(name)) f.error(`${at}/name`, M.drDuplicateSubset(name));
    names.add(name);
    f.error(`${at}/name`, validateSubsetName(name));
    checkLabels(f, `${at}/labels`, subset.labels);
    checkTrafficPolicy(f, `${at}/trafficPolicy`, subset.trafficPolicy);
  });
  checkExportTo(f, "spec/exportTo", namespace, spec.exportTo);
  checkWorkloadSelector(f, "spec/workloadSelector", spec.workloadSelector);
}
