/**
 * istioctl's IST0130 (a rule never used: a catch-all before it, or all its matches taken by
 * earlier rules) and IST0131 (one match of a rule never used). The analysis is the one
 * istiod's webhook runs for its "not used" warnings (lib/istio/validation), reported here
 * under istioctl's codes; the webhook rule leaves these findings out so they appear once.
 */
import "server-only";
import type { VirtualService } from "@/lib/istio/types";
import { Findings, type ValidationFinding } from "@/lib/istio/validation/types";
import {
  checkUnreachableHttpRules,
  checkUnreachableRules,
} from "@/lib/istio/validation/virtual-service/unreachable-rules";
import { buildCheck } from "../../codes";
import type { Rule } from "../../types";

/** The "not used" findings, in istiod's words and paths. */
export function unreachableRuleFindings(vs: VirtualService): ValidationFinding[] {
  const f = new Findings();
  const spec = vs.spec ?? {};
  if (Array.isArray(spec.http)) checkUnreachableHttpRules(f, spec.http);
  if (Array.isArray(spec.tcp)) checkUnreachableRules(f, "spec/tcp", spec.tcp, false);
  if (Array.isArray(spec.tls)) checkUnreachableRules(f, "spec/tls", spec.tls, false);
  return f.items;
}

/** A finding on a match (`…/match[j]`) is IST0131; one on a whole rule is IST0130. */
const isMatchFinding = (finding: ValidationFinding) => /\/match\[\d+\]$/.test(finding.path);

export const checkUnreachableRulesUsed: Rule<VirtualService> = (vs) =>
  unreachableRuleFindings(vs)
    .filter((finding) => !isMatchFinding(finding))
    .map((finding) => buildCheck("IST0130", finding.path, { message: finding.message }));

export const checkIneffectiveMatches: Rule<VirtualService> = (vs) =>
  unreachableRuleFindings(vs)
    .filter(isMatchFinding)
    .map((finding) => buildCheck("IST0131", finding.path, { message: finding.message }));
