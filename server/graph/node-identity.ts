/**
 * Which graph node stands for each end of a row, per graph type, and its id. Ids are hashes
 * of the node's identity (cluster, namespace, kind, name, version), never counters, so the
 * same node keeps its id — and its position on the page — across refreshes.
 */
import "server-only";
import type { GraphType, NodeType } from "@/lib/contracts/graph";
import { UNKNOWN, type DestService, type Peer } from "./traffic-row";

export interface NodeSpec {
  id: string;
  nodeType: NodeType;
  cluster: string;
  namespace: string;
  workload?: string;
  app?: string;
  version?: string;
  service?: string;
}

/**
 * 64-bit FNV-1a (two 32-bit lanes with different offsets) as 16 hex digits: stable across
 * processes and releases, and cheap enough to run for thousands of nodes per build.
 */
export function stableId(...parts: string[]): string {
  // Hashes the parts as if joined by "\u0000" (the ids stay what they were) without
  // building the joined string: thousands of ids per build.
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) {
      a = Math.imul(a, 0x01000193);
      b = Math.imul(b, 0x01000193) ^ (a >>> 15);
    }
    const text = parts[p] as string;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
    }
  }
  return hex16(a, b);
}

/** One hex digit's char code ("0"-"9", "a"-"f"). */
const hexCode = (n: number, shift: number): number => {
  const d = (n >>> shift) & 15;
  return d < 10 ? 48 + d : 87 + d;
};

/**
 * `a` then `b` as 8 zero-padded lowercase hex digits each, what
 * `(x >>> 0).toString(16).padStart(8, "0")` gives, built as one string: toString, padStart
 * and the concatenation made four strings per id.
 */
function hex16(a: number, b: number): string {
  return String.fromCharCode(
    hexCode(a, 28),
    hexCode(a, 24),
    hexCode(a, 20),
    hexCode(a, 16),
    hexCode(a, 12),
    hexCode(a, 8),
    hexCode(a, 4),
    hexCode(a, 0),
    hexCode(b, 28),
    hexCode(b, 24),
    hexCode(b, 20),
    hexCode(b, 16),
    hexCode(b, 12),
    hexCode(b, 8),
    hexCode(b, 4),
    hexCode(b, 0),
  );
}

function build(spec: Omit<NodeSpec, "id">): NodeSpec {
  const id = stableId(
    spec.nodeType,
    spec.cluster,
    spec.namespace,
    spec.workload ?? "",
    spec.app ?? "",
    spec.version ?? "",
    spec.service ?? "",
  );
  return { id, ...spec };
}

/** The source no proxy could name: Kiali's "unknown" node, its workload, app and version "unknown" too. */
export function unknownNode(): NodeSpec {
  return build({
    nodeType: "unknown",
    cluster: UNKNOWN,
    namespace: UNKNOWN,
    workload: UNKNOWN,
    app: UNKNOWN,
    version: UNKNOWN,
  });
}

/**
 * A source whose namespace is known but whose workload is not (a VM or a pod the proxy
 * could not name): its own unknown node in its namespace and cluster, so its traffic is
 * neither lost nor folded into the mesh-wide unknown node with everyone else's.
 */
function unknownWorkloadNode(peer: Peer): NodeSpec {
  return build({
    nodeType: "unknown",
    cluster: peer.cluster,
    namespace: peer.namespace,
    workload: UNKNOWN,
    app: UNKNOWN,
    version: UNKNOWN,
  });
}

export function serviceNode(service: DestService, cluster: string): NodeSpec {
  return build({ nodeType: "service", cluster, namespace: service.namespace, service: service.name });
}

export function workloadNode(peer: Peer): NodeSpec {
  return build({
    nodeType: "workload",
    cluster: peer.cluster,
    namespace: peer.namespace,
    workload: peer.workload,
    app: known(peer.app),
    version: known(peer.version),
  });
}

export function appNode(peer: Pick<Peer, "cluster" | "namespace" | "app">, version?: string): NodeSpec {
  return build({ nodeType: "app", cluster: peer.cluster, namespace: peer.namespace, app: peer.app, version });
}

/** The box around an app's versions in a versionedApp graph. */
export function appBoxNode(app: { cluster: string; namespace: string; app: string }): NodeSpec {
  return build({ nodeType: "box", cluster: app.cluster, namespace: app.namespace, app: app.app });
}

/** A namespace's box (boxBy=namespace). */
export function namespaceBoxNode(ns: { cluster: string; namespace: string }): NodeSpec {
  return build({ nodeType: "box", cluster: ns.cluster, namespace: ns.namespace });
}

/** A cluster's box (boxBy=cluster); its namespace is empty: it spans them. */
export function clusterBoxNode(cluster: string): NodeSpec {
  return build({ nodeType: "box", cluster, namespace: "" });
}

const known = (value: string): string | undefined => (value === UNKNOWN ? undefined : value);

/** Per graph type, the node of a known workload (service graphs are reduced elsewhere). */
const workloadPeerNode: Record<GraphType, (peer: Peer) => NodeSpec> = {
  versionedApp: (peer) =>
    peer.app === UNKNOWN ? workloadNode(peer) : { ...appNode(peer, peer.version), workload: peer.workload },
  app: (peer) => (peer.app === UNKNOWN ? workloadNode(peer) : appNode(peer)),
  workload: workloadNode,
  service: workloadNode,
};

export function sourceNodeOf(peer: Peer, graphType: GraphType): NodeSpec {
  if (peer.workload !== UNKNOWN) return workloadPeerNode[graphType](peer);
  if (peer.namespace === UNKNOWN) return unknownNode();
  // A known app still names the caller in the graphs drawn by app.
  if (peer.app !== UNKNOWN && (graphType === "app" || graphType === "versionedApp"))
    return workloadPeerNode[graphType](peer);
  return unknownWorkloadNode(peer);
}

/** A request that reached no workload ends at the service it was sent to. */
export function destNodeOf(peer: Peer, service: DestService, graphType: GraphType, sourceCluster: string): NodeSpec {
  if (peer.workload === UNKNOWN) return serviceNode(service, peer.cluster === UNKNOWN ? sourceCluster : peer.cluster);
  return workloadPeerNode[graphType](peer);
}
