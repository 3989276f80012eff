/**
 * The experiments as graph node-menu rows (for service, app and versioned-app nodes): each
 * opens the creation form prefilled with the node's service. A type-only view of the menu's
 * row shape keeps this file free of an import cycle with node-menu-items.ts.
 */
import type { ViewNode } from "@/lib/graph-view/view-model";
import { experimentFormHref } from "./experiment-links";

const serviceOf = (node: ViewNode): string | undefined => {
  if (node.isOutside || node.isServiceEntry || node.isGateway) return undefined;
  if (node.kind === "service") return node.service;
  if (node.kind === "app" || node.kind === "versionedApp" || node.kind === "box") return node.app;
  return undefined;
};

const row = (kind: "canary" | "fault", label: string) => ({
  id: `experiment-${kind}`,
  label,
  appliesTo: (node: ViewNode) => serviceOf(node) !== undefined,
  requires: ["startExperiments"] as const,
  run: (node: ViewNode) => {
    const service = serviceOf(node);
    if (service) window.location.assign(experimentFormHref(kind, node.namespace, service));
  },
});

/**
 * No fault-experiment row: the menu has one "Fault injection…" entry (the wizard,
 * components/traffic/wizard-menu-items.ts), and its form links to the fault experiment.
 */
export const experimentMenuItems = [row("canary", "Start canary…")];
