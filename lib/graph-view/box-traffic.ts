/**
 * An app box's traffic as one app: the graph draws an edge per version (productpage → reviews
 * v1, productpage → reviews v2), so a caller reaches the box once per version. Here each peer
 * (a caller, or a callee going out) appears once per protocol with the summed rate, the error
 * share over the sum (not an average of the versions' shares) and the split per version, so
 * the box's panel reads as Kiali's app panel does.
 */
import type { Protocol } from "@/lib/contracts/graph";
import type { ViewGraph, ViewNode } from "./view-model";

export interface VersionShare {
  /** The version's node (inside the box) and the edge drawn to or from it. */
  nodeId: string;
  edgeId: string;
  /** Requests/s, or bytes/s for TCP. */
  rate: number;
  errorPct: number;
  /** Of the peer's traffic with the box over this protocol, %. */
  sharePct: number;
}

export interface PeerTraffic {
  peerId: string;
  protocol: Protocol;
  rate: number;
  errorPct: number;
  versions: VersionShare[];
}

export interface BoxTraffic {
  inbound: PeerTraffic[];
  outbound: PeerTraffic[];
}

const ends = {
  inbound: { own: "target", peer: "source" },
  outbound: { own: "source", peer: "target" },
} as const;

function peersOf(box: ViewNode, graph: ViewGraph, direction: keyof typeof ends): PeerTraffic[] {
  const { own, peer } = ends[direction];
  const children = new Set(graph.nodes.filter((n) => n.parent === box.id).map((n) => n.id));
  const groups = new Map<string, { peerId: string; protocol: Protocol; shares: Omit<VersionShare, "sharePct">[] }>();
  for (const e of graph.edges) {
    // Calls between the box's own versions stay inside the app.
    if (!children.has(e[own]) || children.has(e[peer])) continue;
    const key = `${e[peer]}\u0000${e.protocol}`;
    const group = groups.get(key) ?? { peerId: e[peer], protocol: e.protocol, shares: [] };
    group.shares.push({ nodeId: e[own], edgeId: e.id, rate: e.rate, errorPct: e.errorPct });
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ peerId, protocol, shares }) => {
      const rate = shares.reduce((sum, s) => sum + s.rate, 0);
      const errors = shares.reduce((sum, s) => sum + (s.rate * s.errorPct) / 100, 0);
      const versions = shares
        .map((s) => ({ ...s, sharePct: rate > 0 ? (s.rate / rate) * 100 : 0 }))
        .sort((a, b) => a.nodeId.localeCompare(b.nodeId));
      return { peerId, protocol, rate, errorPct: rate > 0 ? (errors / rate) * 100 : 0, versions };
    })
    .sort((a, b) => b.rate - a.rate || a.peerId.localeCompare(b.peerId));
}

export function aggregateBoxTraffic(box: ViewNode, graph: ViewGraph): BoxTraffic {
  return { inbound: peersOf(box, graph, "inbound"), outbound: peersOf(box, graph, "outbound") };
}
