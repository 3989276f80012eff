/**
 * mTLS as servers will enforce it, per namespace and workload, and the DestinationRules that
 * make clients speak something the server refuses. PeerAuthentication resolves from the most
 * specific: a workload's (selector in its namespace; a port-level mode for that port), else the
 * namespace's (no selector), else the mesh's (no selector, in the root namespace), else Istio's
 * default PERMISSIVE; UNSET inherits from the next level. A client follows the DestinationRule
 * for the host (exact host first, then `*.<ns>.svc.<domain>`, then `*.local`/`*.<domain>`):
 *   DISABLE (plaintext) to a STRICT server → refused (connection reset, 503 to the caller);
 *   SIMPLE or MUTUAL (the client's own TLS, not Istio's) to a STRICT server → refused;
 *   ISTIO_MUTUAL to a DISABLE server → the server's sidecar does not terminate mTLS → fails.
 */
import "server-only";
import type { MtlsConflict, PeerModeDto, SecurityState } from "@/lib/contracts/security";
import type { DestinationRule, MutualTLSMode, PeerAuthentication } from "@/lib/istio/types";
import type { MeshInventory } from "@/server/adapters/kube/list-mesh-inventory";
import type { ServiceSummary } from "@/server/adapters/kube/list-services";

type Effective = { mode: PeerModeDto; source: string | null };

const refOf = (o: { metadata: { namespace?: string; name?: string } }) =>
  `${o.metadata.namespace ?? ""}/${o.metadata.name ?? ""}`;
const selects = (selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);
const decided = (mode: MutualTLSMode | undefined): mode is PeerModeDto =>
  mode === "STRICT" || mode === "PERMISSIVE" || mode === "DISABLE";

/** The first policy (oldest name first, as a stable rule) that sets a mode decides; UNSET passes to `parent`. */
function resolve(policies: PeerAuthentication[], parent: Effective): Effective {
  const sorted = [...policies].sort((a, b) => refOf(a).localeCompare(refOf(b)));
  for (const pa of sorted)
    if (decided(pa.spec?.mtls?.mode)) return { mode: pa.spec!.mtls!.mode as PeerModeDto, source: refOf(pa) };
  return parent;
}

function clientRuleFor(service: ServiceSummary, rules: DestinationRule[], domain: string): DestinationRule | undefined {
  const fqdn = `${service.name}.${service.namespace}.svc.${domain}`;
  const hostOf = (dr: DestinationRule) => {
    const host = dr.spec?.host ?? "";
    return host.includes(".") ? host : `${host}.${dr.metadata.namespace}.svc.${domain}`;
  };
  const tiers = [fqdn, `*.${service.namespace}.svc.${domain}`, "*.local", `*.${domain}`];
  for (const tier of tiers) {
    const found = rules.find((dr) => hostOf(dr) === tier && dr.spec?.trafficPolicy?.tls?.mode);
    if (found) return found;
  }
  return undefined;
}

function conflictOf(clientMode: string, serverMode: PeerModeDto): string | undefined {
  if (serverMode === "STRICT" && clientMode === "DISABLE")
    return "Clients send plaintext to a workload that accepts only mutual TLS: every request is refused.";
  if (serverMode === "STRICT" && (clientMode === "SIMPLE" || clientMode === "MUTUAL"))
    return `Clients originate their own TLS (${clientMode}) instead of Istio's mutual TLS, which this workload requires: requests are refused.`;
  if (serverMode === "DISABLE" && clientMode === "ISTIO_MUTUAL")
    return "Clients send Istio mutual TLS to a workload whose sidecar does not accept it: requests fail.";
  return undefined;
}

export function buildSecurityState(inventory: MeshInventory, namespace: string): SecurityState {
  const { rootNamespace, domain } = inventory.mesh;
  const pas = inventory.peerAuthentications;
  const wide = (ns: string) => pas.filter((pa) => pa.metadata.namespace === ns && !pa.spec?.selector);
  const mesh = resolve(wide(rootNamespace), { mode: "PERMISSIVE", source: null });
  const namespaceMode = namespace === rootNamespace ? mesh : resolve(wide(namespace), mesh);

  const byName = new Map<string, Record<string, string>>();
  for (const w of inventory.workloads)
    if (w.namespace === namespace && !byName.has(w.name)) byName.set(w.name, w.labels);
  const workloads = [...byName]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, labels]) => {
      const own = pas.filter(
        (pa) =>
          pa.metadata.namespace === namespace &&
          pa.spec?.selector &&
          selects(pa.spec.selector.matchLabels ?? {}, labels),
      );
      const effective = resolve(own, namespaceMode);
      const portModes = own
        .flatMap((pa) => Object.entries(pa.spec?.portLevelMtls ?? {}))
        .filter((entry): entry is [string, { mode: PeerModeDto }] => decided(entry[1].mode))
        .map(([port, { mode }]) => ({ port, mode }));
      const conflicts: MtlsConflict[] = [];
      const services = inventory.services.filter(
        (s) => s.namespace === namespace && Object.keys(s.selector).length > 0 && selects(s.selector, labels),
      );
      for (const service of services) {
        const dr = clientRuleFor(service, inventory.destinationRules, domain);
        const clientMode = dr?.spec?.trafficPolicy?.tls?.mode;
        if (!dr || !clientMode) continue;
        const host = `${service.name}.${service.namespace}.svc.${domain}`;
        const message = conflictOf(clientMode, effective.mode);
        if (message) conflicts.push({ destinationRule: refOf(dr), host, clientMode, message });
        for (const { port, mode } of portModes) {
          const portMessage = conflictOf(clientMode, mode);
          if (portMessage && !message)
            conflicts.push({ destinationRule: refOf(dr), host, clientMode, port, message: portMessage });
        }
      }
      return { name, ...effective, portModes, conflicts };
    });

  const authorizationPolicies = inventory.authorizationPolicies
    .filter((ap) => ap.metadata.namespace === namespace || ap.metadata.namespace === rootNamespace)
    .map((ap) => ({
      namespace: ap.metadata.namespace ?? "",
      name: ap.metadata.name ?? "",
      action: ap.spec?.action ?? "ALLOW",
      ...(ap.spec?.provider?.name ? { provider: ap.spec.provider.name } : {}),
      selector: ap.spec?.selector?.matchLabels ?? {},
      rules: ap.spec?.rules?.length ?? 0,
      meshWide: ap.metadata.namespace === rootNamespace,
    }));
  return { namespace, rootNamespace, mesh, namespaceMode, workloads, authorizationPolicies };
}
