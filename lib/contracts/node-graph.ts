/**
 * Node graphs, Kiali's `/api/namespaces/{ns}/{applications|workloads|services}/{name}/graph`
 * and `/api/namespaces/{ns}/applications/{app}/versions/{version}/graph`: one node, its
 * direct callers and what it calls, in the namespace graph's response shape and options
 * (lib/contracts/graph.ts). The graph page's focus mode and the detail pages' mini-graphs
 * read them.
 */
import { z } from "zod";
import { formatGraphQuery, type GraphQuery } from "./graph";
import { inventoryKindSchema, namespaceNameSchema, objectNameSchema, type InventoryKind } from "./inventory";

/** Which node a node graph is about; `version` only for an app (one version of it). */
export type GraphNodeTarget =
  | { kind: "app"; namespace: string; name: string; version?: string }
  | { kind: "workload"; namespace: string; name: string }
  | { kind: "service"; namespace: string; name: string };
export type GraphNodeKind = GraphNodeTarget["kind"];

/** The path's kind segment for each node kind: the detail pages' own (lib/contracts/inventory.ts). */
export const pathOfNodeKind: Record<GraphNodeKind, InventoryKind> = {
  app: "applications",
  workload: "workloads",
  service: "services",
};

/** A version is a label value (`version` or `service.istio.io/canonical-revision`): at most 63 characters. */
export const versionLabelSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
    "must be a label value (letters, digits, '-', '_' and '.', at most 63)",
  );

export const nodeGraphPathSchema = z
  .object({
    namespace: namespaceNameSchema,
    kind: inventoryKindSchema,
    name: objectNameSchema,
    version: versionLabelSchema.optional(),
  })
  .refine((p) => p.version === undefined || p.kind === "applications", {
    message: "only applications have versions",
    path: ["kind"],
  })
  .transform((p) => nodeTargetOfItem(p.kind, p.namespace, p.name, p.version));

/** The node of a detail page's item (an application, optionally one version of it; a workload; a service). */
export function nodeTargetOfItem(
  kind: InventoryKind,
  namespace: string,
  name: string,
  version?: string,
): GraphNodeTarget {
  if (kind === "applications") return { kind: "app", namespace, name, ...(version ? { version } : {}) };
  return { kind: kind === "workloads" ? "workload" : "service", namespace, name };
}

/** The API path of a node's graph, with the query's parameters (defaults left out). */
export function nodeGraphUrl(target: GraphNodeTarget, query: Omit<Partial<GraphQuery>, "namespaces"> = {}): string {
  const segments = [
    "api",
    "namespaces",
    target.namespace,
    pathOfNodeKind[target.kind],
    target.name,
    ...(target.kind === "app" && target.version ? ["versions", target.version] : []),
    "graph",
  ];
  const params = formatGraphQuery(query).toString();
  return `/${segments.map(encodeURIComponent).join("/")}${params ? `?${params}` : ""}`;
}
