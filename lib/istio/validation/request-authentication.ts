/** istiod's ValidateRequestAuthentication: one selector type, and well-formed JWT rules. */
import type { PolicyTargetReference, RequestAuthenticationSpec } from "../types";
import { checkWorkloadSelector } from "./common-checks";
import { MESSAGES as M } from "./messages";
import type { Findings } from "./types";

export function checkSelectorType(
  f: Findings,
  spec: { selector?: unknown; targetRef?: PolicyTargetReference; targetRefs?: PolicyTargetReference[] },
): void {
  const set = [spec.selector !== undefined, spec.targetRef !== undefined, (spec.targetRefs ?? []).length > 0].filter(
    Boolean,
  ).length;
  if (set > 1) f.error("spec", M.apOneSelectorType());
  const refs = [...(spec.targetRef ? [spec.targetRef] : []), ...(spec.targetRefs ?? [])];
  for (const ref of refs) {
    if (!ref.name) f.error("spec/targetRef", M.targetRefName());
    if (ref.namespace) f.error("spec/targetRef", M.targetRefNamespace());
  }
}

export function checkRequestAuthentication(f: Findings, spec: RequestAuthenticationSpec): void {
  checkSelectorType(f, spec);
  checkWorkloadSelector(f, "spec/selector", spec.selector);
  (spec.jwtRules ?? []).forEach((rule, i) => {
    const at = `spec/jwtRules[${i}]`;
    if (!rule.issuer) f.error(`${at}/issuer`, M.raIssuer());
    for (const a of rule.audiences ?? []) if (!a) f.error(`${at}/audiences`, M.raAudience());
    for (const h of rule.fromHeaders ?? []) if (!h.name) f.error(`${at}/fromHeaders`, M.raHeaderName());
    for (const p of rule.fromParams ?? []) if (!p) f.error(`${at}/fromParams`, M.raQuery());
    for (const c of rule.fromCookies ?? []) if (!c) f.error(`${at}/fromCookies`, M.raCookie());
  });
}
