/**
 * Whether a policy's workloads receive mutual TLS, as Kiali decides it for its
 * AuthorizationPolicy check (KIA0105). Kiali combines, per level, the mode the servers accept
 * (PeerAuthentication) with what clients send (DestinationRule):
 *  - a level is ENABLED when servers accept mTLS (STRICT or PERMISSIVE) and clients send it
 *    (ISTIO_MUTUAL / MUTUAL, or no rule while auto mTLS is on); DISABLED when servers refuse
 *    it (DISABLE) and clients do not send it; NOT_ENABLED when the level says nothing; else
 *    PARTIAL.
 *  - the namespace's status wins when it is ENABLED or DISABLED; a PARTIAL namespace fills
 *    what it does not say from the mesh; a silent namespace takes the mesh's status. The
 *    mesh alone also counts as ENABLED when auto mTLS is on and one of the two says mTLS.
 *  - with auto mTLS on, a mesh and namespace that say nothing count as ENABLED.
 *  - a workload's own PeerAuthentication (selector within the policy's labels) comes first:
 *    STRICT is ENABLED, DISABLE is not; PERMISSIVE decides by the DestinationRule of the
 *    workload's Services, and otherwise falls back to the namespace.
 */
import "server-only";
import type { PeerAuthentication } from "@/lib/istio/types";
import type { ValidationContext } from "./context";
import { destinationRulesFor } from "./hosts";
import { labelsMatch } from "./labels";
import { clientTlsMode, meshRuleModes, namespaceRuleModes, sendsMtls } from "./mtls";
import { namespaceOf } from "./types";

type Overall = "ENABLED" | "DISABLED" | "NOT_ENABLED" | "PARTIAL";

interface LevelStatus {
  /** DestinationRule TLS mode ("" when no rule says one). */
  client: string;
  /** PeerAuthentication mode ("" when no policy sets one). */
  server: string;
  overall: Overall | undefined;
}

function decidedMode(pa: PeerAuthentication): string {
  const mode = pa.spec?.mtls?.mode;
  return mode === "STRICT" || mode === "PERMISSIVE" || mode === "DISABLE" ? mode : "";
}

function wideServerMode(namespace: string, context: ValidationContext): string {
  const modes = context.peerAuthentications
    .filter((pa) => namespaceOf(pa) === namespace && !pa.spec?.selector)
    .map(decidedMode);
  return modes.find((m) => m !== "") ?? "";
}

function combine(client: string, server: string, autoMtls: boolean): Overall {
  const clientSends = sendsMtls(client) || (client === "" && autoMtls);
  const clientPlain = client === "DISABLE" || (client === "" && autoMtls);
  if ((server === "STRICT" || server === "PERMISSIVE") && clientSends) return "ENABLED";
  if (server === "DISABLE" && clientPlain) return "DISABLED";
  if (server === "" && client === "") return "NOT_ENABLED";
  return "PARTIAL";
}

/** The status of a level on its own, when no more specific level decides. */
function fallbackStatus(level: LevelStatus, autoMtls: boolean): Overall {
  const { client, server } = level;
  const overall = combine(client, server, autoMtls);
  if (overall === "ENABLED" || overall === "DISABLED") return overall;
  if (server === "" && client === "") return "NOT_ENABLED";
  if ((server === "DISABLE" && client === "") || (client === "DISABLE" && server === "")) return "DISABLED";
  const halfSays =
    (server === "STRICT" && client === "") ||
    (sendsMtls(client) && server === "") ||
    (server === "PERMISSIVE" && client === "");
  if (autoMtls && halfSays) return "ENABLED";
  return "PARTIAL";
}

function namespaceStatus(namespace: string, context: ValidationContext): Overall {
  const { rootNamespace, enableAutoMtls: autoMtls } = context.mesh;
  const ns: LevelStatus = {
    client: namespaceRuleModes(namespace, context)[0] ?? "",
    server: wideServerMode(namespace, context),
    overall: undefined,
  };
  const mesh: LevelStatus = {
    client: meshRuleModes(context)[0] ?? "",
    server: wideServerMode(rootNamespace, context),
    overall: undefined,
  };
  const own = combine(ns.client, ns.server, autoMtls);
  let status: Overall;
  if (own === "ENABLED" || own === "DISABLED") status = own;
  else if (own === "PARTIAL")
    status = fallbackStatus(
      { client: ns.client || mesh.client, server: ns.server || mesh.server, overall: undefined },
      autoMtls,
    );
  else status = fallbackStatus(mesh, autoMtls);
  return status === "NOT_ENABLED" && autoMtls ? "ENABLED" : status;
}

function workloadStatus(
  labels: Readonly<Record<string, string>>,
  namespace: string,
  context: ValidationContext,
): boolean | undefined {
  for (const pa of context.peerAuthentications) {
    const selector = pa.spec?.selector?.matchLabels;
    if (namespaceOf(pa) !== namespace || !pa.spec?.selector || !labelsMatch(selector ?? {}, labels)) continue;
    const mode = decidedMode(pa);
    if (mode === "STRICT") return true;
    if (mode === "DISABLE") return false;
    if (mode !== "PERMISSIVE") continue;
    const services = context.services.filter(
      (s) => s.namespace === namespace && Object.keys(s.selector).length > 0 && labelsMatch(selector ?? {}, s.selector),
    );
    for (const service of services) {
      const fqdn = `${service.name}.${namespace}.svc.${context.mesh.domain}`;
      for (const dr of destinationRulesFor(fqdn, namespace, context)) {
        const client = clientTlsMode(dr) ?? "";
        if (sendsMtls(client)) return true;
        if (client === "DISABLE") return false;
      }
    }
    return undefined;
  }
  return undefined;
}

/** Does the workload a policy selects (by these labels) in `namespace` receive mTLS, per Kiali? */
export function receivesMtls(
  labels: Readonly<Record<string, string>>,
  namespace: string,
  context: ValidationContext,
): boolean {
  return workloadStatus(labels, namespace, context) ?? namespaceStatus(namespace, context) === "ENABLED";
}
