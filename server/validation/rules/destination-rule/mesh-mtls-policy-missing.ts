/**
 * KIA0205: a mesh-wide DestinationRule makes every client speak Istio mTLS, but no mesh-wide
 * PeerAuthentication (root namespace, no selector, STRICT or PERMISSIVE) says servers accept
 * it. Only checked with auto mTLS off, as in Kiali: with it on, istiod picks the mode itself.
 */
import "server-only";
import type { DestinationRule } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { acceptsMtls, clientTlsMode, isMeshWideRule, meshPeerModes } from "../../mtls";
import type { Rule } from "../../types";

export const checkMeshMtlsPolicyPresent: Rule<DestinationRule> = (dr, context) => {
  if (context.mesh.enableAutoMtls || !isMeshWideRule(dr, context) || clientTlsMode(dr) !== "ISTIO_MUTUAL") return [];
  if (meshPeerModes(context).some(acceptsMtls)) return [];
  return [buildCheck("KIA0205", "spec/trafficPolicy/tls/mode")];
};
