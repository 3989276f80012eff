/**
 * What istiod's validating webhook would say (lib/istio/validation, istiod's own messages and
 * paths): a denial becomes TOP0001 (error), a warning TOP0002. The webhook's "rule not used"
 * warnings are left to the VirtualService rules, which report them as IST0130 / IST0131.
 */
import "server-only";
import type { VirtualService } from "@/lib/istio/types";
import { validateIstioConfig } from "@/lib/istio/validation";
import { buildCheck } from "../../codes";
import type { Rule, ValidatableObject } from "../../types";
import { unreachableRuleFindings } from "../virtual-service/unreachable-rules";

export const checkWebhookFindings: Rule<ValidatableObject> = (object) => {
  const reportedElsewhere = new Set(
    object.kind === "VirtualService"
      ? unreachableRuleFindings(object as VirtualService).map((f) => `${f.path}\n${f.message}`)
      : [],
  );
  return validateIstioConfig(object)
    .filter((finding) => !reportedElsewhere.has(`${finding.path}\n${finding.message}`))
    .map((finding) =>
      buildCheck(finding.severity === "error" ? "TOP0001" : "TOP0002", finding.path, { message: finding.message }),
    );
};
