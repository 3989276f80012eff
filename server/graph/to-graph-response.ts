/** Turns the finished traffic map into the contract's shape: boxes first, then nodes and edges by id. */
import "server-only";
import type { GraphEdge, GraphNode, GraphResponse, GraphType } from "@/lib/contracts/graph";
import type { TrafficMap } from "./traffic-map";

const byId = (a: { data: { id: string } }, b: { data: { id: string } }) =>
  a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0;

export function toGraphResponse(
  map: TrafficMap,
  meta: { timestamp: number; duration: number; graphType: GraphType },
): GraphResponse {
  const nodes: GraphNode[] = [];
  // The map ends here: its node data become the answer as they are (copying 1,000s was waste).
  for (const node of map.nodes.values()) {
    const data = node.data;
    if (node.destServices.size > 0) {
      const services = [...node.destServices.values()].map((s) => ({
        cluster: s.cluster,
        namespace: s.namespace,
        name: s.name,
      }));
      data.destServices = services.sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
    }
    nodes.push({ data });
  }
  nodes.sort((a, b) => (a.data.isBox === b.data.isBox ? byId(a, b) : a.data.isBox ? -1 : 1));
  const edges: GraphEdge[] = [];
  for (const edge of map.edges.values()) if (edge.data) edges.push({ data: edge.data });
  edges.sort(byId);
  return { ...meta, elements: { nodes, edges } };
}
