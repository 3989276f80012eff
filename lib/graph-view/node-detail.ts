/**
 * Which inventory pages a graph node has (the application, workload and service detail
 * pages, components/inventory/links.ts builds their hrefs). The first is the one its title
 * opens: a versioned app opens its application, as Kiali's side panel does, and lists its
 * workload beside it; a node's services come from `destServices`. Nodes outside the
 * cluster's inventory (unknown sources, aggregates, hosts outside the mesh, ServiceEntries)
 * have none; a node outside the drawn namespaces (a gateway in istio-system) keeps its pages.
 * Nor has an inaccessible node (the viewer may not read its namespace's workloads), as in
 * Kiali's side panel, where its names are not links.
 */
import type { InventoryKind } from "@/lib/contracts/inventory";
import type { ViewNode } from "./view-model";

export interface NodeDetailPage {
  kind: InventoryKind;
  namespace: string;
  name: string;
}

type Page = [InventoryKind, string | undefined];

/** Per node kind, its pages in the order a panel lists them: a new kind is a new row. */
const pagesOf: Partial<Record<ViewNode["kind"], (n: ViewNode) => Page[]>> = {
  app: (n) => [["applications", n.app]],
  box: (n) => [["applications", n.app]],
  versionedApp: (n) => [
    ["applications", n.app],
    ["workloads", n.workload],
  ],
  workload: (n) => [
    ["workloads", n.workload],
    ["applications", n.app],
  ],
  service: (n) => [["services", n.service]],
};

export function nodeDetailPages(node: ViewNode): NodeDetailPage[] {
  if (node.isInaccessible || node.isServiceEntry || node.isOutOfMesh || node.namespace === "unknown") return [];
  const own = pagesOf[node.kind]?.(node) ?? [];
  const services: Page[] = (node.data.destServices ?? [])
    .filter((s) => s.namespace === node.namespace)
    .map((s) => ["services", s.name]);
  const pages: NodeDetailPage[] = [];
  for (const [kind, name] of [...own, ...services]) {
    if (!name || name === "unknown") continue;
    if (pages.some((p) => p.kind === kind && p.name === name)) continue;
    pages.push({ kind, namespace: node.namespace, name });
  }
  return pages;
}
