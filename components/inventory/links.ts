/** Where the inventory pages live (Kiali's URL shape), carrying the namespace selection along. */
import type { InventoryKind } from "@/lib/contracts/inventory";

const withNamespaces = (path: string, namespaces: readonly string[]) =>
  namespaces.length > 0 ? `${path}?namespaces=${namespaces.join(",")}` : path;

export function listHref(kind: InventoryKind, namespaces: readonly string[]): string {
  return withNamespaces(`/${kind}`, namespaces);
}

export function detailHref(kind: InventoryKind, namespace: string, name: string): string {
  return withNamespaces(`/namespaces/${encodeURIComponent(namespace)}/${kind}/${encodeURIComponent(name)}`, [
    namespace,
  ]);
}

export function graphHref(namespaces: readonly string[]): string {
  return withNamespaces("/graph", namespaces);
}

export const kindLabels: Record<InventoryKind, { plural: string; singular: string }> = {
  applications: { plural: "Applications", singular: "Application" },
  workloads: { plural: "Workloads", singular: "Workload" },
  services: { plural: "Services", singular: "Service" },
};
