/**
 * Which node a focus is on, as the node graph API names it (lib/contracts/node-graph.ts), and
 * how it reads in a link: `bookinfo/app/reviews/v2`, `bookinfo/workload/reviews-v2`,
 * `bookinfo/service/reviews`. A link names the node rather than its graph id, so it can be
 * written without the graph at hand (a detail page) and the page can ask for the node's
 * graph before it has any other.
 */
import { nodeGraphPathSchema, pathOfNodeKind, type GraphNodeTarget } from "@/lib/contracts/node-graph";
import type { ViewNode, ViewNodeKind } from "./view-model";

export function formatNodeTarget(target: GraphNodeTarget): string {
  const version = target.kind === "app" && target.version ? `/${target.version}` : "";
  return `${target.namespace}/${target.kind}/${target.name}${version}`;
}

/** The target a link names, or undefined for anything else (an older link's graph id, a typo). */
export function parseNodeTarget(text: string): GraphNodeTarget | undefined {
  const [namespace, kind, name, version, ...rest] = text.split("/");
  if (rest.length > 0 || !(kind === "app" || kind === "workload" || kind === "service")) return undefined;
  const parsed = nodeGraphPathSchema.safeParse({ namespace, kind: pathOfNodeKind[kind], name, version });
  return parsed.success ? parsed.data : undefined;
}

/**
 * The node graph a drawn node has, if any: not the unknown node, namespace or cluster boxes,
 * hosts outside the mesh (namespace "unknown"), ServiceEntry hosts or nodes without a sidecar,
 * whose telemetry does not name them the way a node graph's queries select.
 */
export function nodeTargetOf(node: ViewNode): GraphNodeTarget | undefined {
  if (node.isServiceEntry || node.isOutOfMesh || node.namespace === "unknown") return undefined;
  const candidate = targets[node.kind]?.(node);
  return candidate && parseNodeTarget(formatNodeTarget(candidate));
}

type Candidate = (n: ViewNode) => GraphNodeTarget | undefined;
const targets: Partial<Record<ViewNodeKind, Candidate>> = {
  workload: (n) => (n.workload ? { kind: "workload", namespace: n.namespace, name: n.workload } : undefined),
  service: (n) => (n.service ? { kind: "service", namespace: n.namespace, name: n.service } : undefined),
  versionedApp: (n) =>
    n.app && n.version ? { kind: "app", namespace: n.namespace, name: n.app, version: n.version } : undefined,
  app: (n) => (n.app ? { kind: "app", namespace: n.namespace, name: n.app } : undefined),
  box: (n) => (n.data.isBox === "app" && n.app ? { kind: "app", namespace: n.namespace, name: n.app } : undefined),
};

/** Whether a drawn node is the one a target names (an app is its box, or its node in an app graph). */
export function isNodeOfTarget(node: ViewNode, target: GraphNodeTarget): boolean {
  const own = nodeTargetOf(node);
  return own !== undefined && formatNodeTarget(own) === formatNodeTarget(target);
}
