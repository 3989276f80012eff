import type { GraphNodeKind, GraphNodeTarget } from "@/lib/contracts/node-graph";
import type { LabelMatcher } from "./promql";

/**
 * The labels that pick a node's own telemetry, as the destination ("into the node") or as
 * the source ("out of it"), as Kiali's node graphs select them: a workload by name, an app
 * (and version) by its canonical service (and revision) within the namespace, a service by
 * its host in the namespace. A service sends nothing of its own: it has no source side.
 * Node graphs (server/graph/graph-queries.ts) and the node flag explainer
 * (server/diagnosis/explain-flags-node-telemetry.ts) both select with these, so the explainer's
 * shares are of what the node graph draws; they live in the adapter so neither area imports the other.
 */
export const nodeMatchers: Record<
  GraphNodeKind,
  (node: GraphNodeTarget, side: "source" | "destination") => LabelMatcher[]
> = {
  workload: (node, side) => [
    { label: `${side}_workload_namespace`, op: "=", value: node.namespace },
    { label: `${side}_workload`, op: "=", value: node.name },
  ],
  app: (node, side) => [
    { label: `${side}_workload_namespace`, op: "=", value: node.namespace },
    { label: `${side}_canonical_service`, op: "=", value: node.name },
    ...(node.kind === "app" && node.version
      ? [{ label: `${side}_canonical_revision`, op: "=" as const, value: node.version }]
      : []),
  ],
  service: () => [],
};
