/**
 * The AuthorizationPolicy the Security form describes. One rule: the sources (principals,
 * namespaces) and operations (paths, methods) the user filled in; an empty part is left out,
 * so a form with nothing filled in is `rules: [{}]` (matches every request). `noRules` writes
 * `spec: {action}` without rules — for ALLOW, Istio's "deny everything".
 */
import "server-only";
import type { AuthorizationPolicyFields } from "@/lib/contracts/security";
import type {
  AuthorizationOperation,
  AuthorizationPolicy,
  AuthorizationRule,
  AuthorizationSource,
} from "@/lib/istio/types";

function mainRule(form: AuthorizationPolicyFields): AuthorizationRule {
  const source: AuthorizationSource = {};
  if (form.principals.length) source.principals = [...form.principals];
  if (form.namespaces.length) source.namespaces = [...form.namespaces];
  const operation: AuthorizationOperation = {};
  if (form.paths.length) operation.paths = [...form.paths];
  if (form.methods.length) operation.methods = [...form.methods];
  const rule: AuthorizationRule = {};
  if (Object.keys(source).length) rule.from = [{ source }];
  if (Object.keys(operation).length) rule.to = [{ operation }];
  return rule;
}

export function buildAuthorizationPolicy(form: AuthorizationPolicyFields): AuthorizationPolicy {
  const rules: AuthorizationRule[] = [];
  if (!form.noRules) {
    rules.push(mainRule(form));
    if (form.plaintextCallers) rules.push({ from: [{ source: { notPrincipals: ["*"] } }] });
  }
  return {
    apiVersion: "security.istio.io/v1",
    kind: "AuthorizationPolicy",
    metadata: { name: form.name, namespace: form.namespace },
    spec: {
      ...(Object.keys(form.selector).length ? { selector: { matchLabels: { ...form.selector } } } : {}),
      action: form.action,
      ...(form.action === "CUSTOM" && form.provider ? { provider: { name: form.provider } } : {}),
      ...(form.noRules ? {} : { rules }),
    },
  };
}
