/**
 * KIA0206: a namespace-wide DestinationRule makes the namespace's clients speak Istio mTLS,
 * but neither a namespace-wide nor a mesh-wide PeerAuthentication enables it on the
 * servers. Only checked with auto mTLS off, as in Kiali.
 */
import "server-only";
import type { DestinationRule } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { acceptsMtls, clientTlsMode, isNamespaceWideRule, meshPeerModes, namespacePeerModes } from "../../mtls";
import { namespaceOf, type Rule } from "../../types";

export const checkNamespaceMtlsPolicyPresent: Rule<DestinationRule> = (dr, context) => {
  if (context.mesh.enableAutoMtls || !isNamespaceWideRule(dr, context) || clientTlsMode(dr) !== "ISTIO_MUTUAL")
    return [];
  if (namespacePeerModes(namespaceOf(dr), context).some(acceptsMtls) || meshPeerModes(context).some(acceptsMtls))
    return [];
  return [buildCheck("KIA0206", "spec/trafficPolicy/tls/mode")];
};
