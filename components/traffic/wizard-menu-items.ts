/**
 * The traffic wizards as graph node-menu rows (for service, app and versioned-app nodes):
 * each opens its wizard in a dialog over the graph. A type-only view of the menu's row shape
 * keeps this file free of an import cycle with node-menu-items.ts.
 */
import type { QueryClient } from "@tanstack/react-query";
import { wizardTitles } from "@/lib/contracts/traffic";
import type { ViewNode } from "@/lib/graph-view/view-model";
import { wizardEntries } from "./wizard-entries";

const serviceOf = (node: ViewNode): string | undefined => {
  if (node.isOutside || node.isServiceEntry || node.isGateway) return undefined;
  if (node.kind === "service") return node.service;
  if (node.kind === "app" || node.kind === "versionedApp" || node.kind === "box") return node.app;
  return undefined;
};

export const trafficWizardMenuItems = wizardEntries.map((wizard) => ({
  id: `wizard-${wizard}`,
  label: `${wizardTitles[wizard]}…`,
  appliesTo: (node: ViewNode) => serviceOf(node) !== undefined,
  // As the service page's wizard buttons (service-traffic-actions.tsx): they create and update.
  requires: ["createIstioConfig", "updateIstioConfig"] as const,
  run: (node: ViewNode, context: { queryClient: QueryClient }) => {
    const service = serviceOf(node);
    if (!service) return;
    // Loaded on first use: the graph page should not pay for the wizards until one is opened.
    void import("./wizard-launcher").then(({ openWizard }) =>
      openWizard({ namespace: node.namespace, service, wizard }, context.queryClient),
    );
  },
}));
