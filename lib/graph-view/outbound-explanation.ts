/**
 * Why an edge out of the mesh looks the way it does, in words, from the edge and the mesh's
 * `outboundTrafficPolicy.mode` (the `istio` ConfigMap, carried on the graph response):
 *
 * - to `BlackHoleCluster`: the caller's own proxy refused a host outside the registry and
 *   answered 502 (REGISTRY_ONLY);
 * - to `PassthroughCluster`: the call left the mesh unchecked (ALLOW_ANY) — it works, but
 *   Istio routes, secures and names nothing about it;
 * - 502s to an external host the registry knows (a ServiceEntry): not the policy's doing.
 *
 * The cluster names the mode in force when the calls were made; the mode read now may differ
 * (changed since, or a Sidecar resource of the caller's namespace sets its own), and the text
 * says so rather than contradict the picture. Pure: the edge panel renders the result.
 */
import type { OutboundTrafficMode } from "@/lib/istio/mesh-config";
import { isOutboundPolicyCluster, type OutboundPolicyCluster } from "@/lib/istio/outbound-clusters";
import { formatPercent } from "./edge-labels";
import type { ViewEdge, ViewNode } from "./view-model";

export type OutboundExplanationKind = "blocked" | "passthrough" | "externalError";

export interface OutboundExplanation {
  kind: OutboundExplanationKind;
  title: string;
  /** What happened and why, sentence by sentence. */
  because: string[];
  /** What to do about it. */
  action: string;
  /** The hosts called, as the edge's responses name them (empty when the metrics did not say). */
  hosts: string[];
}

/** What each mode does, in the words the panel uses (the Mesh page shows the mode itself). */
const modeMeaning: Record<OutboundTrafficMode, string> = {
  REGISTRY_ONLY:
    "sidecars refuse calls to hosts that are in neither a Kubernetes Service nor a ServiceEntry, answering 502 themselves",
  ALLOW_ANY: "sidecars let calls to hosts outside the service registry leave the mesh unchecked",
  ALLOW_ANY_DYNAMIC_DNS:
    "sidecars let calls to hosts outside the service registry leave the mesh unchecked, resolving each host per request",
};

/** The mode each policy cluster's calls were made under. */
const clusterMode: Record<OutboundPolicyCluster, "REGISTRY_ONLY" | "ALLOW_ANY"> = {
  BlackHoleCluster: "REGISTRY_ONLY",
  PassthroughCluster: "ALLOW_ANY",
};

const allowsAny = (mode: OutboundTrafficMode) => mode !== "REGISTRY_ONLY";

function modeSentence(mode: OutboundTrafficMode | undefined, callsMadeUnder: "REGISTRY_ONLY" | "ALLOW_ANY"): string {
  if (mode === undefined)
    return "The mesh's outboundTrafficPolicy.mode could not be read from the istio ConfigMap (see the Mesh page).";
  if (allowsAny(mode) === allowsAny(callsMadeUnder))
    return `The mesh's outboundTrafficPolicy.mode is ${mode}: ${modeMeaning[mode]}.`;
  return (
    `The mesh's outboundTrafficPolicy.mode is now ${mode}, but these calls were made under ${callsMadeUnder}: ` +
    `the mode was changed since, or a Sidecar resource of the caller's namespace sets its own outboundTrafficPolicy.`
  );
}

/** The hosts an edge's responses name, most requests first. */
function hostsOf(edge: Pick<ViewEdge, "responses">): string[] {
  const share = new Map<string, number>();
  for (const r of edge.responses)
    for (const [host, pct] of Object.entries(r.hosts)) share.set(host, (share.get(host) ?? 0) + pct);
  return [...share.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([host]) => host);
}

/** % of the edge's requests answered with `code` (the flags of one code add up to its share). */
function shareOf(edge: Pick<ViewEdge, "responses">, code: string): number {
  const r = edge.responses.find((x) => x.code === code);
  return r ? Object.values(r.flags).reduce((a, b) => a + b, 0) : 0;
}

const hostList = (hosts: string[]) => (hosts.length === 0 ? "the called host" : hosts.join(", "));
const serviceEntryFor = (hosts: string[]) =>
  hosts.length === 0 ? "a ServiceEntry for the host" : `a ServiceEntry for ${hosts.join(", ")}`;

function explainBlocked(hosts: string[], mode: OutboundTrafficMode | undefined): OutboundExplanation {
  return {
    kind: "blocked",
    title: "Blocked by the outbound traffic policy",
    because: [
      `The caller's own proxy refused these calls to ${hostList(hosts)} and answered 502 (BlackHoleCluster): ` +
        `no Kubernetes Service or ServiceEntry declares the host, and the calls never left the pod.`,
      modeSentence(mode, "REGISTRY_ONLY"),
    ],
    action:
      `To let them out, add ${serviceEntryFor(hosts)} (location MESH_EXTERNAL, with the port and protocol the caller ` +
      `uses). Switching the mesh to ALLOW_ANY would also let them out, with every other unknown host.`,
    hosts,
  };
}

function explainPassthrough(
  edge: Pick<ViewEdge, "responses">,
  hosts: string[],
  mode: OutboundTrafficMode | undefined,
): OutboundExplanation {
  const errors = edge.responses.filter((r) => r.code === "-" || r.code.startsWith("5"));
  const errorShare = errors.reduce((sum, r) => sum + shareOf(edge, r.code), 0);
  const because = [
    `These calls to ${hostList(hosts)} left the mesh through PassthroughCluster: no Kubernetes Service or ` +
      `ServiceEntry declares the host, so Istio applies no routing, timeouts, retries or TLS origination to them.`,
    modeSentence(mode, "ALLOW_ANY"),
  ];
  if (errorShare > 0)
    because.push(
      `The policy let these calls out: their errors (${formatPercent(errorShare)} of requests) come from the host ` +
        `or the connection to it; the response flags below tell which.`,
    );
  if (mode === "REGISTRY_ONLY")
    because.push(
      `Under REGISTRY_ONLY, new calls to ${hostList(hosts)} are blocked with 502 until a ServiceEntry declares it.`,
    );
  return {
    kind: "passthrough",
    title: "Let out by the outbound traffic policy, unmanaged",
    because,
    action: `Add ${serviceEntryFor(hosts)} to route, secure and observe these calls by name; REGISTRY_ONLY then refuses any host nobody declared.`,
    hosts,
  };
}

function explainExternalError(
  edge: Pick<ViewEdge, "responses">,
  host: string,
  mode: OutboundTrafficMode | undefined,
): OutboundExplanation {
  const policy = mode ? ` (${mode})` : "";
  return {
    kind: "externalError",
    title: "502 from a host outside the mesh",
    because: [
      `${host} was in the service registry when called (a ServiceEntry declared it), so the outbound traffic ` +
        `policy${policy} did not refuse these calls: the 502s (${formatPercent(shareOf(edge, "502"))} of requests) ` +
        `came on the way to the host or from the host itself.`,
      "A common cause is a port protocol that does not match what the host speaks, such as plain HTTP sent to an " +
        "HTTPS port without TLS origination; the response flags below tell a failed connection from the host's own answer.",
    ],
    action: `Check the ServiceEntry for ${host} (ports, protocol, resolution) and any DestinationRule that originates TLS to it.`,
    hosts: [host],
  };
}

/** A host outside the mesh as Kiali draws it: a service node in namespace "unknown" or a MESH_EXTERNAL ServiceEntry */
function externalHostOf(target: Pick<ViewNode, "kind" | "namespace" | "service" | "data">): string | undefined {
  if (target.kind !== "service" || !target.service) return undefined;
  if (target.data.isServiceEntry?.location === "MESH_EXTERNAL" || target.namespace === "unknown") return target.service;
  return undefined;
}

/** The explanation an edge's panel shows, or undefined when the outbound policy has nothing to say about it. */
export function explainOutboundPolicy(
  edge: Pick<ViewEdge, "responses" | "protocol">,
  target: Pick<ViewNode, "kind" | "namespace" | "service" | "data"> | undefined,
  mode: OutboundTrafficMode | undefined,
): OutboundExplanation | undefined {
  if (!target || target.kind !== "service") return undefined;
  if (isOutboundPolicyCluster(target.service)) {
    const hosts = hostsOf(edge);
    return clusterMode[target.service] === "REGISTRY_ONLY"
      ? explainBlocked(hosts, mode)
      : explainPassthrough(edge, hosts, mode);
  }
  const host = externalHostOf(target);
  if (host && edge.protocol !== "tcp" && shareOf(edge, "502") > 0) return explainExternalError(edge, host, mode);
  return undefined;
}
