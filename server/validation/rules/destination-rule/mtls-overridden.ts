/**
 * KIA0204: a DestinationRule with no TLS settings (none in trafficPolicy nor any port) for a
 * host that a wider rule puts on Istio mTLS — the mesh-wide `*.local`, the host namespace's
 * `*.<ns>.svc.<domain>`, or another rule for the same host. Istio applies only the most
 * specific rule for a host, so this one silently drops the wider rule's ISTIO_MUTUAL (a
 * subsets-only rule is the usual case). As in Kiali, whatever auto mTLS says.
 */
import "server-only";
import type { DestinationRule } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { qualifyHost } from "../../hosts";
import { clientTlsMode, isMeshWideRule } from "../../mtls";
import { isSameObject, namespaceOf, type Rule } from "../../types";

function hasTlsSettings(dr: DestinationRule): boolean {
  const policy = dr.spec?.trafficPolicy;
  if (!policy) return false;
  if (policy.tls) return true;
  return Array.isArray(policy.portLevelSettings) && policy.portLevelSettings.some((p) => p?.tls);
}

export const checkMtlsNotOverridden: Rule<DestinationRule> = (dr, context) => {
  if (typeof dr.spec?.host !== "string" || hasTlsSettings(dr)) return [];
  const domain = context.mesh.domain;
  const host = qualifyHost(dr.spec.host, namespaceOf(dr), domain);
  const hostNamespace = host.endsWith(`.svc.${domain}`) ? host.split(".")[1] : undefined;
  const wider = context.destinationRules.filter((other) => {
    if (isSameObject(other, dr) || clientTlsMode(other) !== "ISTIO_MUTUAL") return false;
    if (isMeshWideRule(other, context)) return true;
    const otherHost = qualifyHost(String(other.spec?.host ?? ""), namespaceOf(other), domain);
    return otherHost === host || (hostNamespace !== undefined && otherHost === `*.${hostNamespace}.svc.${domain}`);
  });
  if (wider.length === 0) return [];
  const names = wider.map((o) => `${namespaceOf(o)}/${o.metadata.name ?? ""}`).join(", ");
  return [
    buildCheck("KIA0204", "spec/trafficPolicy", {
      detail: `${names} sets ISTIO_MUTUAL for this host but this rule replaces it with no TLS settings; add trafficPolicy.tls.mode ISTIO_MUTUAL here`,
    }),
  ];
};
