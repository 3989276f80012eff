/**
 * KIA0505 / KIA0506: a PeerAuthentication without selector turns mTLS off (DISABLE) while a
 * DestinationRule still makes clients send mutual TLS, which the servers' sidecars no longer
 * accept. Mesh-wide (root namespace, KIA0506): a mesh-wide rule sending mTLS. Namespace-wide
 * (KIA0505): the namespace's rule (`*.<ns>.svc.<domain>`) decides — sending mTLS is wrong,
 * DISABLE is right — and without one, a mesh-wide rule sending mTLS is wrong. As in Kiali,
 * whatever auto mTLS says: an explicit DestinationRule overrides it.
 */
import "server-only";
import type { PeerAuthentication } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { meshRuleModes, namespaceRuleModes, sendsMtls, widePeerMode } from "../../mtls";
import { namespaceOf, type Rule } from "../../types";

export const checkMtlsDisableHasRule: Rule<PeerAuthentication> = (pa, context) => {
  if (widePeerMode(pa) !== "DISABLE") return [];
  const namespace = namespaceOf(pa);
  const meshSends = meshRuleModes(context).some(sendsMtls);
  if (namespace === context.mesh.rootNamespace) {
    return meshSends
      ? [
          buildCheck("KIA0506", "spec/mtls", {
            detail: "set trafficPolicy.tls.mode DISABLE in the DestinationRule for *.local, or enable mTLS here",
          }),
        ]
      : [];
  }
  const namespaceModes = namespaceRuleModes(namespace, context);
  const wrong = namespaceModes.some(sendsMtls) || (!namespaceModes.includes("DISABLE") && meshSends);
  return wrong
    ? [
        buildCheck("KIA0505", "spec/mtls", {
          detail: `add (or change) a DestinationRule for host *.${namespace}.svc.${context.mesh.domain} with trafficPolicy.tls.mode DISABLE, or enable mTLS here`,
        }),
      ]
    : [];
};
