/**
 * The graph's `worstCaseLoad` edge field: the retry amplification the timeout and retry
 * budget (server/diagnosis) computes from config, laid on the edges that traffic drew. A
 * budget edge joins workloads; a graph edge joins nodes of the graph's type, so a node stands
 * for a budget workload when it is that workload, or that app (and version) where the graph
 * has no workloads; a service node (injected, or one only the client's proxy reported) stands
 * for the Service the call dialled. An edge several budget edges fit takes the largest figure.
 * A budget that cannot be read leaves the field out and never fails the graph.
 */
import "server-only";
import type { BudgetWorkload, TimeoutBudget } from "@/lib/contracts/budget";
import type { GraphNodeData, GraphResponse } from "@/lib/contracts/graph";

function standsFor(node: GraphNodeData, workload: BudgetWorkload): boolean {
  if (node.namespace !== workload.namespace) return false;
  if (node.workload !== undefined) return node.workload === workload.name;
  if (node.nodeType !== "app" || node.app === undefined || node.app !== workload.app) return false;
  return node.version === undefined || node.version === workload.version;
}

/** `reviews.bookinfo.svc.cluster.local` is service `reviews` of namespace `bookinfo`. */
const servesHost = (node: GraphNodeData, host: string): boolean =>
  node.nodeType === "service" && host.startsWith(`${node.service}.${node.namespace}.`);

export function applyLoadMultipliers(graph: GraphResponse, budgets: readonly TimeoutBudget[]): GraphResponse {
  const edges = budgets.flatMap((b) => b.edges);
  if (edges.length === 0) return graph;
  const nodes = new Map(graph.elements.nodes.map((n) => [n.data.id, n.data]));
  for (const { data } of graph.elements.edges) {
    const source = nodes.get(data.source);
    const target = nodes.get(data.target);
    if (!source || !target) continue;
    let load: number | undefined;
    for (const e of edges) {
      const fits = standsFor(source, e.source) && (standsFor(target, e.destination) || servesHost(target, e.service));
      // An injected service node's own edge to the workload carries what reached the service.
      const fromService = servesHost(source, e.service) && standsFor(target, e.destination);
      if ((fits || fromService) && e.worstCaseLoad > (load ?? 0)) load = e.worstCaseLoad;
    }
    if (load !== undefined) data.worstCaseLoad = load;
  }
  return graph;
}

/**
 * Starts reading the budgets now, alongside the graph's own queries (a cold cluster cache makes
 * the first read slow), and returns what lays them on the graph once it is built: the graph
 * with `worstCaseLoad` on its edges, or as it was when the budgets cannot be read.
 */
export function prepareLoadMultipliers(
  namespaces: readonly string[],
  readBudgets: (namespaces: readonly string[]) => Promise<TimeoutBudget[]>,
): (graph: GraphResponse) => Promise<GraphResponse> {
  const budgets = readBudgets(namespaces).catch(() => undefined);
  return async (graph) => {
    const read = await budgets;
    return read ? applyLoadMultipliers(graph, read) : graph;
  };
}
