/**
 * Namespace and cluster boxes (Kiali's `boxBy=namespace,cluster`): each node not already in
 * a box is put in its namespace's box, each namespace box (and any unboxed node) in its
 * cluster's box. App boxes (`boxBy=app`, versionedApp graphs) are made when the graph is
 * built (build-versioned-app-graph.ts) and end up inside their namespace's box. The unknown
 * node and peers in namespace "unknown" (external hosts) stay unboxed: there is no
 * namespace to draw.
 */
import "server-only";
import type { BoxKind } from "@/lib/contracts/graph";
import { namespaceBoxNode, clusterBoxNode } from "./node-identity";
import { ensureNode, type NodeModel, type TrafficMap } from "./traffic-map";
import { UNKNOWN } from "./traffic-row";

export function applyBoxes(map: TrafficMap, boxBy: readonly BoxKind[]): TrafficMap {
  if (boxBy.includes("namespace")) boxEach(map, (n) => namespaceBox(map, n));
  if (boxBy.includes("cluster")) boxEach(map, (n) => clusterBox(map, n));
  return map;
}

/** Puts every node without a parent (boxes included) into the box `boxOf` gives, if any. */
function boxEach(map: TrafficMap, boxOf: (node: NodeModel) => NodeModel | undefined): void {
  for (const node of [...map.nodes.values()]) {
    if (node.data.parent) continue;
    const box = boxOf(node);
    if (box && box !== node) node.data.parent = box.data.id;
  }
}

function namespaceBox(map: TrafficMap, node: NodeModel): NodeModel | undefined {
  const { namespace, cluster, isBox } = node.data;
  if (namespace === UNKNOWN || isBox === "namespace" || isBox === "cluster") return undefined;
  const box = ensureNode(map, namespaceBoxNode({ cluster, namespace }));
  box.data.isBox = "namespace";
  return box;
}

function clusterBox(map: TrafficMap, node: NodeModel): NodeModel | undefined {
  const { cluster, isBox } = node.data;
  if (cluster === UNKNOWN || isBox === "cluster") return undefined;
  const box = ensureNode(map, clusterBoxNode(cluster));
  box.data.isBox = "cluster";
  return box;
}
