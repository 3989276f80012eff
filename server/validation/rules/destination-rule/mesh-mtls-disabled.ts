/**
 * KIA0208: a mesh-wide DestinationRule turns client TLS off (DISABLE) while a mesh-wide
 * PeerAuthentication is STRICT: every plaintext request in the mesh is refused.
 */
import "server-only";
import type { DestinationRule } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { clientTlsMode, isMeshWideRule, meshPeerModes } from "../../mtls";
import type { Rule } from "../../types";

export const checkMeshMtlsDisableAccepted: Rule<DestinationRule> = (dr, context) => {
  if (!isMeshWideRule(dr, context) || clientTlsMode(dr) !== "DISABLE") return [];
  return meshPeerModes(context).includes("STRICT") ? [buildCheck("KIA0208", "spec/trafficPolicy/tls/mode")] : [];
};
