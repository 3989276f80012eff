/**
 * KIA0401: a mesh-wide PeerAuthentication (root namespace, no selector) is STRICT, but no
 * mesh-wide DestinationRule (`*.local`) tells clients to send Istio mTLS. Only with auto mTLS
 * off, as in Kiali: then clients send plaintext and every server refuses it.
 */
import "server-only";
import type { PeerAuthentication } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { meshRuleModes, widePeerMode } from "../../mtls";
import { namespaceOf, type Rule } from "../../types";

export const checkMeshMtlsRulePresent: Rule<PeerAuthentication> = (pa, context) => {
  if (context.mesh.enableAutoMtls || namespaceOf(pa) !== context.mesh.rootNamespace) return [];
  if (widePeerMode(pa) !== "STRICT" || meshRuleModes(context).includes("ISTIO_MUTUAL")) return [];
  return [
    buildCheck("KIA0401", "spec/mtls", {
      detail: "add a DestinationRule for host *.local with trafficPolicy.tls.mode ISTIO_MUTUAL, or turn auto mTLS on",
    }),
  ];
};
