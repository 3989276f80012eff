/**
 * istiod's ValidateAuthorizationPolicy. Its errors are prefixed "invalid policy <name>.<ns>:"
 * (go-multierror's Prefix), so the prefix is applied here to every error it reports.
 */
import type { AuthorizationPolicySpec } from "../types";
import { checkWorkloadSelector } from "./common-checks";
import { MESSAGES as M } from "./messages";
import { checkSelectorType } from "./request-authentication";
import { Findings } from "./types";

const SOURCE_FIELDS = [
  "principals",
  "requestPrincipals",
  "namespaces",
  "ipBlocks",
  "remoteIpBlocks",
  "notPrincipals",
  "notRequestPrincipals",
  "notNamespaces",
  "notIpBlocks",
  "notRemoteIpBlocks",
] as const;
const OPERATION_FIELDS = [
  "ports",
  "methods",
  "paths",
  "hosts",
  "notPorts",
  "notMethods",
  "notPaths",
  "notHosts",
] as const;
const TCP_SOURCE_FIELDS = [
  "principals",
  "notPrincipals",
  "ipBlocks",
  "notIpBlocks",
  "namespaces",
  "notNamespaces",
  "remoteIpBlocks",
  "notRemoteIpBlocks",
] as const;

function capitalized(field: string): string {
  return field.charAt(0).toUpperCase() + field.slice(1);
}

function checkRules(f: Findings, spec: AuthorizationPolicySpec): void {
  const action = spec.action ?? "ALLOW";
  if (action === "CUSTOM") {
    if (spec.rules === undefined) f.error("spec/rules", M.apCustomWithoutRules());
    else if (!spec.provider?.name) f.error("spec/provider", M.apProviderName());
  }
  if (spec.provider && action !== "CUSTOM") f.error("spec/provider", M.apProviderWithoutCustom(action));
  if (action === "DENY" && spec.rules === undefined) f.error("spec/rules", M.apDenyWithoutRules());

  (spec.rules ?? []).forEach((rule, i) => {
    const at = `spec/rules[${i}]`;
    if (rule.from !== undefined && rule.from.length === 0) f.error(`${at}/from`, M.apFromEmpty(i));
    let tcpInFrom = false;
    let tcpInTo = false;
    let fromExists = false;
    let toExists = false;
    for (const from of rule.from ?? []) {
      if (!from.source) {
        f.error(`${at}/from`, M.apFromSourceNil(i));
        continue;
      }
      fromExists = true;
      const src = from.source;
      if (SOURCE_FIELDS.every((k) => (src[k] ?? []).length === 0)) f.error(`${at}/from`, M.apFromSourceEmpty(i));
      for (const k of SOURCE_FIELDS)
        if ((src[k] ?? []).some((v) => v === "")) f.error(`${at}/from`, M.apEmptyValue(capitalized(k)));
      if (TCP_SOURCE_FIELDS.some((k) => src[k] !== undefined)) tcpInFrom = true;
    }
    if (rule.to !== undefined && rule.to.length === 0) f.error(`${at}/to`, M.apToEmpty(i));
    for (const to of rule.to ?? []) {
      if (!to.operation) {
        f.error(`${at}/to`, M.apToOperationNil(i));
        continue;
      }
      toExists = true;
      const op = to.operation;
      if (OPERATION_FIELDS.every((k) => (op[k] ?? []).length === 0)) f.error(`${at}/to`, M.apToOperationEmpty(i));
      for (const k of OPERATION_FIELDS)
        if ((op[k] ?? []).some((v) => v === "")) f.error(`${at}/to`, M.apEmptyValue(capitalized(k)));
      if (op.ports !== undefined || op.notPorts !== undefined) tcpInTo = true;
    }
    for (const cond of rule.when ?? []) {
      if (!cond.key) f.error(`${at}/when`, M.apWhenKeyEmpty());
      else if ((cond.values ?? []).length === 0 && (cond.notValues ?? []).length === 0)
        f.error(`${at}/when`, M.apWhenValues(cond.key));
    }
    if (((fromExists && !toExists && !tcpInFrom) || (toExists && !tcpInTo)) && action === "DENY")
      f.warn(at, M.apDenyHttpOnly());
  });
}

export function checkAuthorizationPolicy(
  f: Findings,
  spec: AuthorizationPolicySpec,
  name: string,
  namespace: string,
): void {
  const inner = new Findings();
  checkSelectorType(inner, spec);
  checkWorkloadSelector(inner, "spec/selector", spec.selector);
  checkRules(inner, spec);
  const prefix = M.apPolicyPrefix(name, namespace);
  for (const item of inner.items) {
    if (item.severity === "error") f.error(item.path, `${prefix} ${item.message}`);
    else f.warn(item.path, item.message);
  }
}
