/**
 * KIA0207 / KIA0208: a namespace-wide DestinationRule turns client TLS off (DISABLE) while
 * servers demand mTLS: a STRICT namespace-wide PeerAuthentication (KIA0207), or — when the
 * namespace sets no mode of its own — a STRICT mesh-wide one (KIA0208). Every plaintext
 * request is then refused. A PERMISSIVE or DISABLE namespace policy overrides the mesh's.
 */
import "server-only";
import type { DestinationRule } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { clientTlsMode, isNamespaceWideRule, meshPeerModes, namespacePeerModes } from "../../mtls";
import { namespaceOf, type Rule } from "../../types";

export const checkNamespaceMtlsDisableAccepted: Rule<DestinationRule> = (dr, context) => {
  if (!isNamespaceWideRule(dr, context) || clientTlsMode(dr) !== "DISABLE") return [];
  const namespaceModes = namespacePeerModes(namespaceOf(dr), context);
  if (namespaceModes.includes("STRICT")) return [buildCheck("KIA0207", "spec/trafficPolicy/tls/mode")];
  if (namespaceModes.some((m) => m === "PERMISSIVE" || m === "DISABLE")) return [];
  return meshPeerModes(context).includes("STRICT") ? [buildCheck("KIA0208", "spec/trafficPolicy/tls/mode")] : [];
};
