/**
 * KIA0501: a namespace-wide PeerAuthentication (no selector, outside the root namespace) is
 * STRICT, but neither a DestinationRule for the namespace's hosts (`*.<ns>.svc.<domain>`) nor
 * a mesh-wide one tells clients to send Istio mTLS. Only with auto mTLS off, as in Kiali:
 * then clients send plaintext and the namespace's servers refuse it.
 */
import "server-only";
import type { PeerAuthentication } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { meshRuleModes, namespaceRuleModes, widePeerMode } from "../../mtls";
import { namespaceOf, type Rule } from "../../types";

export const checkNamespaceMtlsRulePresent: Rule<PeerAuthentication> = (pa, context) => {
  const namespace = namespaceOf(pa);
  if (context.mesh.enableAutoMtls || namespace === context.mesh.rootNamespace) return [];
  if (widePeerMode(pa) !== "STRICT") return [];
  const modes = [...namespaceRuleModes(namespace, context), ...meshRuleModes(context)];
  if (modes.includes("ISTIO_MUTUAL")) return [];
  return [
    buildCheck("KIA0501", "spec/mtls", {
      detail: `add a DestinationRule for host *.${namespace}.svc.${context.mesh.domain} with trafficPolicy.tls.mode ISTIO_MUTUAL, or turn auto mTLS on`,
    }),
  ];
};
