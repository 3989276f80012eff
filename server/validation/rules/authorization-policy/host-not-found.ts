/**
 * KIA0104: an operation's `hosts` entry (matched against the request's Host header) names no
 * Service, ServiceEntry host or VirtualService host, so the rule never matches. A Host header
 * may be the short name (`reviews`, for callers in the policy's namespace), `name.namespace`,
 * `name.namespace.svc` or the FQDN, with or without `:port`. Wildcards are fine when they
 * match a known host or stay within the policy's own namespace (`*`, `*.bookinfo…`), as in
 * Kiali.
 */
import "server-only";
import type { AuthorizationPolicy } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import type { ValidationContext } from "../../context";
import { hostCovers, isExportedTo, isWildcard, qualifyHost } from "../../hosts";
import { namespaceOf, type Rule } from "../../types";
import { operationsOf, policyStringMatches, stringsOf } from "./rule-fields";

/** Every name a Host header could carry for a known host, as seen from `namespace`. */
function knownHostNames(namespace: string, context: ValidationContext): string[] {
  const domain = context.mesh.domain;
  const services = context.services.flatMap((s) => [
    ...(s.namespace === namespace ? [s.name] : []),
    `${s.name}.${s.namespace}`,
    `${s.name}.${s.namespace}.svc`,
    `${s.name}.${s.namespace}.svc.${domain}`,
  ]);
  const entries = context.serviceEntries
    .filter((se) => isExportedTo(se.spec?.exportTo, namespaceOf(se), namespace))
    .flatMap((se) => (Array.isArray(se.spec?.hosts) ? se.spec.hosts : []));
  const routed = context.virtualServices.flatMap((vs) =>
    (Array.isArray(vs.spec?.hosts) ? vs.spec.hosts : []).map((h) =>
      typeof h === "string" ? qualifyHost(h, namespaceOf(vs), domain) : "",
    ),
  );
  return [...services, ...entries, ...routed]
    .filter((h) => typeof h === "string" && h !== "")
    .map((h) => h.toLowerCase());
}

function withoutPort(host: string): string {
  return host.replace(/:(\d+|\*)$/, "");
}

function isKnown(host: string, namespace: string, known: readonly string[]): boolean {
  if (host === "*" || host.startsWith(`*.${namespace}.`) || host === `*.${namespace}`) return true;
  if (host.includes("*")) return known.some((k) => policyStringMatches(host, k));
  return known.some((k) => k === host || (isWildcard(k) && hostCovers(k, host)));
}

export const checkOperationHostsExist: Rule<AuthorizationPolicy> = (policy, context) => {
  const entries = operationsOf(policy).flatMap((operation) => stringsOf(operation, "hosts"));
  if (entries.length === 0) return [];
  const namespace = namespaceOf(policy);
  const known = knownHostNames(namespace, context);
  return entries
    .filter(({ value }) => !isKnown(withoutPort(value.toLowerCase()), namespace, known))
    .map(({ value, path }) =>
      buildCheck("KIA0104", path, {
        detail: `"${value}" is no Service, ServiceEntry or VirtualService host; fix the host or add a ServiceEntry for it`,
      }),
    );
};
