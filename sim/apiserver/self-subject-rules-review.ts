/**
 * SelfSubjectRulesReview (authorization.k8s.io, `kubectl auth can-i --list`): every rule that
 * applies to the caller in a namespace, from the authorizer's rule resolver, split into
 * resource and non-resource rules as kube-apiserver's RBAC authorizer lists them (a rule with
 * both appears in both lists). `incomplete` is false: RBAC can list everything it allows.
 */
import { z } from "zod";
import { readObjectBody } from "./read-body";
import { contentTypeOf } from "./negotiate";
import { badRequest } from "./status-error";
import { sendJson } from "./respond";
import type { PolicyRule, ResourceRequest } from "./request-context";

const reviewSchema = z.looseObject({ spec: z.looseObject({ namespace: z.string().optional() }).optional() });

function nonEmpty(key: string, list: string[] | undefined): Record<string, string[]> {
  return list && list.length > 0 ? { [key]: list } : {};
}

function resourceRule(rule: PolicyRule): Record<string, unknown> {
  return {
    verbs: rule.verbs,
    ...nonEmpty("apiGroups", rule.apiGroups),
    ...nonEmpty("resources", rule.resources),
    ...nonEmpty("resourceNames", rule.resourceNames),
  };
}

export async function handleSelfSubjectRulesReview(r: ResourceRequest): Promise<void> {
  const parsed = reviewSchema.safeParse(await readObjectBody(r.req, contentTypeOf(r.req)));
  if (!parsed.success) throw badRequest("SelfSubjectRulesReview: body must be an object");
  const namespace = parsed.data.spec?.namespace ?? "";
  // The same message kube-apiserver's selfsubjectrulesreview storage gives.
  if (namespace === "") throw badRequest("no namespace on request");
  const rules = r.deps.authorize.rulesFor(r.user, namespace);
  sendJson(r.res, 201, {
    kind: "SelfSubjectRulesReview",
    apiVersion: `authorization.k8s.io/${r.target.version}`,
    metadata: { creationTimestamp: null },
    spec: {},
    status: {
      resourceRules: rules.filter((rule) => (rule.resources ?? []).length > 0).map(resourceRule),
      nonResourceRules: rules
        .filter((rule) => (rule.nonResourceURLs ?? []).length > 0)
        .map((rule) => ({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs })),
      incomplete: false,
    },
  });
}
