/**
 * The mesh-wide and namespace-wide mTLS settings Kiali's mTLS checks compare: a
 * DestinationRule for `*.local` (mesh) or `*.<ns>.svc.<domain>` (namespace) tells clients
 * what to speak; a selector-less PeerAuthentication in the root namespace (mesh) or in a
 * namespace tells servers what to accept.
 */
import "server-only";
import type { DestinationRule, PeerAuthentication } from "@/lib/istio/types";
import type { ValidationContext } from "./context";
import { namespaceOf } from "./types";

export type PeerMode = "STRICT" | "PERMISSIVE" | "DISABLE" | "UNSET";

export function clientTlsMode(dr: DestinationRule): string | undefined {
  const mode = dr.spec?.trafficPolicy?.tls?.mode;
  return typeof mode === "string" ? mode : undefined;
}

/** Istio's docs write the mesh-wide rule for `*.local`; `*.<domain>` means the same in practice. */
export function isMeshWideRule(dr: DestinationRule, context: ValidationContext): boolean {
  const host = dr.spec?.host;
  return host === "*.local" || host === `*.${context.mesh.domain}`;
}

export function isNamespaceWideRule(dr: DestinationRule, context: ValidationContext): boolean {
  return dr.spec?.host === `*.${namespaceOf(dr)}.svc.${context.mesh.domain}`;
}

/** The mode of a PeerAuthentication that applies to a whole namespace; undefined with a selector. */
export function widePeerMode(pa: PeerAuthentication): PeerMode | undefined {
  if (pa.spec?.selector) return undefined;
  const mtls = pa.spec?.mtls;
  if (!mtls || typeof mtls !== "object") return undefined;
  const mode = mtls.mode;
  return mode === "STRICT" || mode === "PERMISSIVE" || mode === "DISABLE" ? mode : "UNSET";
}

export const acceptsMtls = (mode: PeerMode | undefined) => mode === "STRICT" || mode === "PERMISSIVE";

export function meshPeerModes(context: ValidationContext): PeerMode[] {
  return context.peerAuthentications
    .filter((pa) => namespaceOf(pa) === context.mesh.rootNamespace)
    .map(widePeerMode)
    .filter((m): m is PeerMode => m !== undefined);
}

export function namespacePeerModes(namespace: string, context: ValidationContext): PeerMode[] {
  if (namespace === context.mesh.rootNamespace) return [];
  return context.peerAuthentications
    .filter((pa) => namespaceOf(pa) === namespace)
    .map(widePeerMode)
    .filter((m): m is PeerMode => m !== undefined);
}

/** Client TLS modes of the mesh-wide DestinationRules (`*.local`), in the order they were listed. */
export function meshRuleModes(context: ValidationContext): string[] {
  return context.destinationRules
    .filter((dr) => isMeshWideRule(dr, context))
    .map(clientTlsMode)
    .filter((m): m is string => m !== undefined);
}

/** Client TLS modes of the rules for every host of a namespace (`*.<ns>.svc.<domain>`), wherever they live. */
export function namespaceRuleModes(namespace: string, context: ValidationContext): string[] {
  return context.destinationRules
    .filter((dr) => dr.spec?.host === `*.${namespace}.svc.${context.mesh.domain}`)
    .map(clientTlsMode)
    .filter((m): m is string => m !== undefined);
}

/** ISTIO_MUTUAL, or MUTUAL (a client certificate of the user's own): the client speaks mutual TLS. */
export const sendsMtls = (mode: string | undefined) => mode === "ISTIO_MUTUAL" || mode === "MUTUAL";
