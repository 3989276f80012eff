/**
 * KIA0106: a `from.source.principals` entry `<trust domain>/ns/<namespace>/sa/<name>` names a
 * service account no running workload uses, so no caller ever presents that identity (a typo,
 * or the workload is gone). Principals with a wildcard, of another trust domain, or not in
 * that form are left alone: Topsail cannot tell who they may match.
 */
import "server-only";
import type { AuthorizationPolicy } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import type { Rule } from "../../types";
import { sourcesOf, stringsOf } from "./rule-fields";

const PRINCIPAL = /^([^/]+)\/ns\/([^/]+)\/sa\/([^/]+)$/;

export const checkPrincipalsExist: Rule<AuthorizationPolicy> = (policy, context) => {
  const entries = sourcesOf(policy).flatMap((source) => stringsOf(source, "principals"));
  if (entries.length === 0) return [];
  // istiod treats cluster.local in a policy as the mesh's own trust domain.
  const localDomains = new Set([context.mesh.trustDomain, "cluster.local"]);
  const used = new Set(context.workloads.map((w) => `${w.namespace}/${w.serviceAccount}`));
  return entries.flatMap(({ value, path }) => {
    const match = value.includes("*") ? null : PRINCIPAL.exec(value);
    if (!match || !localDomains.has(match[1] ?? "")) return [];
    const [, , namespace, account] = match;
    if (used.has(`${namespace}/${account}`)) return [];
    return [
      buildCheck("KIA0106", path, {
        detail: `no workload runs as service account "${account}" in namespace "${namespace}"; fix the principal or deploy the workload`,
      }),
    ];
  });
};
