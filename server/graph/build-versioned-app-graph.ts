/**
 * The versionedApp graph (Topsail's default): one node per app version, the versions of an
 * app drawn inside an app box (`parent` = the box's id), so a canary reads at a glance as
 * two nodes in one box with the traffic split between them.
 */
import "server-only";
import { appBoxNode } from "./node-identity";
import { buildTrafficMap, endpointsFor } from "./build-traffic-map";
import { ensureNode, type TrafficMap } from "./traffic-map";
import type { EdgeFigureRow, TrafficRow } from "./traffic-row";

export function buildVersionedAppGraph(
  rows: readonly TrafficRow[],
  responseTimes: readonly EdgeFigureRow[],
  throughputs: readonly EdgeFigureRow[] = [],
  options: { boxApps?: boolean; injectServiceNodes?: boolean } = {},
): TrafficMap {
  const map = buildTrafficMap(rows, responseTimes, endpointsFor("versionedApp", options), throughputs);
  return options.boxApps === false ? map : boxVersionedApps(map);
}

/**
 * Puts every versioned app node in its app's box; also used after idle nodes are added.
 * An app whose only revision is "latest" (no version label, e.g. the ingress gateway) is
 * left unboxed: a box around one unversioned node says nothing.
 */
export function boxVersionedApps(map: TrafficMap): TrafficMap {
  for (const node of [...map.nodes.values()]) {
    const { nodeType, app, version, cluster, namespace } = node.data;
    if (nodeType !== "app" || !app || version === undefined || version === "latest" || node.data.parent) continue;
    const box = ensureNode(map, appBoxNode({ cluster, namespace, app }));
    box.data.isBox = "app";
    for (const w of node.workloads) box.workloads.add(w);
    for (const [k, s] of node.destServices) box.destServices.set(k, s);
    node.data.parent = box.data.id;
  }
  return map;
}
