/**
 * A graph node as the edge logs API names it (lib/contracts/logs.ts EdgeNode): by workload,
 * by app (and version), or by service, whichever the node is. Nodes without a proxy of their
 * own to read (unknown, aggregates, boxes, ServiceEntry hosts) have none.
 */
import type { EdgeNode } from "@/lib/contracts/logs";
import type { ViewNode } from "@/lib/graph-view/view-model";

export function edgeNodeOf(node: ViewNode | undefined): EdgeNode | undefined {
  if (!node || node.isServiceEntry) return undefined;
  const { namespace } = node;
  switch (node.kind) {
    case "workload":
      return node.workload ? { namespace, workload: node.workload } : undefined;
    case "app":
    case "versionedApp":
      return node.app ? { namespace, app: node.app, version: node.version } : undefined;
    case "service":
      return node.service ? { namespace, service: node.service } : undefined;
    default:
      return undefined;
  }
}
