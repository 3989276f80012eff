/**
 * Which VirtualServices a proxy applies to a host. A sidecar (`mesh`) uses one: the most
 * specific host match, preferring the client's namespace, then the oldest — istiod picks
 * one VS per host for sidecars. A gateway merges every VS bound to it for the host, rules
 * in the same order, as istiod merges gateway routes.
 */
import { hostMatches, hostSpecificity } from "./hosts";
import type { ConfigSnapshot, VirtualServiceEntry } from "./snapshot";
import type { SourceContext } from "./types";

function bestHostMatch(vs: VirtualServiceEntry, host: string): number {
  let best = -1;
  for (const pattern of vs.hosts) if (hostMatches(pattern, host)) best = Math.max(best, hostSpecificity(pattern));
  return best;
}

export function selectVirtualServices(
  snapshot: ConfigSnapshot,
  host: string,
  source: SourceContext,
): VirtualServiceEntry[] {
  const candidates: Array<{ vs: VirtualServiceEntry; specificity: number }> = [];
  for (const vs of snapshot.virtualServices) {
    if (!vs.gateways.some((g) => source.gateways.includes(g))) continue;
    const specificity = bestHostMatch(vs, host);
    if (specificity >= 0) candidates.push({ vs, specificity });
  }
  candidates.sort((a, b) => {
    if (a.specificity !== b.specificity) return b.specificity - a.specificity;
    const aLocal = a.vs.namespace === source.namespace ? 0 : 1;
    const bLocal = b.vs.namespace === source.namespace ? 0 : 1;
    if (aLocal !== bLocal) return aLocal - bLocal;
    return a.vs.order - b.vs.order;
  });
  const isGateway = !source.gateways.includes("mesh");
  if (isGateway) return candidates.map((c) => c.vs);
  return candidates.slice(0, 1).map((c) => c.vs);
}
