/**
 * Adds the mesh's `outboundTrafficPolicy.mode` to a graph that has hosts outside the mesh
 * (PassthroughCluster, BlackHoleCluster, a MESH_EXTERNAL ServiceEntry, any service node in
 * namespace "unknown"), so the edge panel can explain them (lib/graph-view/outbound-explanation.ts).
 * A step after the build, apart from it: the mode is cluster state no PromQL depends on, and a
 * graph without such hosts costs nothing. The settings are read as the Mesh page reads them
 * (server/mesh/mesh-config.ts), through the reader passed in.
 */
import "server-only";
import type { GraphResponse } from "@/lib/contracts/graph";
import type { MeshSettingsView } from "@/lib/contracts/mesh";

/** Whether any node stands for a host outside the mesh, as Kiali draws them. */
export function hasHostsOutsideMesh(graph: GraphResponse): boolean {
  return graph.elements.nodes.some(
    ({ data }) =>
      data.nodeType === "service" &&
      (data.namespace === "unknown" || data.isServiceEntry?.location === "MESH_EXTERNAL"),
  );
}

/**
 * The graph with `meshOutboundTrafficPolicy` when it has hosts outside the mesh and the
 * settings could be read. A failed read, or a `mesh` key that does not parse (istiod's own
 * reading of it is then uncertain), leaves the field out: the panel says the mode is unknown
 * rather than guess, and the graph itself never fails for it.
 */
export async function withOutboundPolicy(
  graph: GraphResponse,
  readMeshSettings: () => Promise<MeshSettingsView>,
): Promise<GraphResponse> {
  if (!hasHostsOutsideMesh(graph)) return graph;
  let settings: MeshSettingsView;
  try {
    settings = await readMeshSettings();
  } catch {
    return graph;
  }
  if (settings.problem !== undefined) return graph;
  return { ...graph, meshOutboundTrafficPolicy: settings.outboundTrafficPolicy };
}
