/**
 * The node menu, as data: later features (wizards, experiments) add a row here and the
 * canvas's right-click menu and the list's menu button both show it. Only actions that
 * exist today are listed.
 */
import type { QueryClient } from "@tanstack/react-query";
import type { PermissionName } from "@/lib/contracts/permissions";
import { nodeTargetOf } from "@/lib/graph-view/node-target";
import type { ViewNode } from "@/lib/graph-view/view-model";
import { trafficWizardMenuItems } from "@/components/traffic/wizard-menu-items";
import { experimentMenuItems } from "@/components/experiments/experiment-menu-items";

export interface NodeMenuContext {
  showDetails(nodeId: string): void;
  focusOn(nodeId: string): void;
  /** The page's query client: a wizard opened from the menu refetches the graph after it applies. */
  queryClient: QueryClient;
}

export interface NodeMenuItem {
  id: string;
  label: string;
  /** Whether the item applies to this node. */
  appliesTo(node: ViewNode): boolean;
  /** What the viewer must be allowed in the node's namespace to see the row (changes only). */
  requires?: readonly PermissionName[];
  run(node: ViewNode, context: NodeMenuContext): void;
}

/**
 * A node whose namespace's workloads the viewer may not read (`isInaccessible`) offers no
 * action on them, as Kiali's menu offers none: the rows that act on its service are left out.
 */
const onlyReadable = (item: NodeMenuItem): NodeMenuItem => ({
  ...item,
  appliesTo: (node) => !node.isInaccessible && item.appliesTo(node),
});

export const nodeMenuItems: NodeMenuItem[] = [
  // The side panel and the node's graph show what the graph already shows: every node has them.
  { id: "details", label: "Show details", appliesTo: () => true, run: (node, ctx) => ctx.showDetails(node.id) },
  // Focus shows the node's graph: only nodes a node graph can select (node-target.ts) have one.
  {
    id: "focus",
    label: "Focus on this node",
    appliesTo: (node) => nodeTargetOf(node) !== undefined,
    run: (node, ctx) => ctx.focusOn(node.id),
  },
  ...[...trafficWizardMenuItems, ...experimentMenuItems].map(onlyReadable),
];
