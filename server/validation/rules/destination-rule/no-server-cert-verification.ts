/**
 * istioctl's IST0128 (NoServerCertificateVerificationDestinationLevel): the rule's
 * trafficPolicy originates TLS (SIMPLE or MUTUAL) but names no CA — neither `caCertificates`
 * nor a `credentialName` Secret that could carry one — so the client sidecar does not check
 * who the server is. istioctl's message, then what to set.
 */
import "server-only";
import type { DestinationRule } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { namespaceOf, type Rule } from "../../types";

export const checkServerCertificateVerified: Rule<DestinationRule> = (dr) => {
  const tls = dr.spec?.trafficPolicy?.tls;
  const mode = tls?.mode;
  if (mode !== "SIMPLE" && mode !== "MUTUAL") return [];
  if (tls?.caCertificates || tls?.credentialName) return [];
  const namespace = namespaceOf(dr);
  const message =
    `DestinationRule ${namespace}/${dr.metadata.name ?? ""} in namespace ${namespace} has TLS mode set to ${mode} ` +
    `but no caCertificates are set to validate server identity for host: ${dr.spec?.host ?? ""}. ` +
    "Set tls.caCertificates, or tls.credentialName naming a Secret with the CA, so the server's certificate is verified.";
  return [buildCheck("IST0128", "spec/trafficPolicy/tls", { message })];
};
