/**
 * Which proxies the Mesh page's sync table lists under the top bar's namespace selection
 * (pure): the sidecars of the selected namespaces, and every gateway — a gateway serves
 * the selected namespaces' traffic wherever it runs, so hiding it would hide their edge.
 */
import type { ProxySyncRow } from "@/lib/contracts/mesh";
import { isInSelection } from "@/lib/namespace-param";

export function proxiesInView(
  proxies: readonly ProxySyncRow[],
  selected: readonly string[],
): { shown: ProxySyncRow[]; hidden: number } {
  const shown = proxies.filter((p) => p.proxyType === "router" || isInSelection(selected, p.namespace));
  return { shown, hidden: proxies.length - shown.length };
}
