/** Turns the finished traffic map into the contract's shape: boxes first, then nodes and edges by id. */
import "server-only";
import type { GraphEdge, GraphNode, GraphResponse, GraphType } from "@/lib/contracts/graph";
import type { TrafficMap } from "./traffic-map";

const byId = (a: { data: { id: string } }, b: { data: { id: string } }) =>
  a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0;

const rankOfBox: Record<string, number> = { cluster: 0, namespace: 1, app: 2 };
const boxRank = (n: GraphNode): number => (n.data.isBox ? (rankOfBox[n.data.isBox] ?? 3) : 4);

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
  // Outer boxes before inner ones before nodes, so each parent precedes its children.
  nodes.sort((a, b) => boxRank(a) - boxRank(b) || byId(a, b));
  const edges: GraphEdge[] = [];
  for (const edge of map.edges.values()) if (edge.data) edges.push({ data: edge.data });
  edges.sort(byId);
  return { ...meta, elements: { nodes, edges } };
}
