/** Where the config pages link: an object's detail page, and each kind of reference. */
import type { ObjectReference } from "@/lib/contracts/istio-objects";
import { findIstioKind } from "@/lib/istio/kinds";

/** `/istio/bookinfo/virtualservices/reviews`, keeping the namespace selection of the page. */
export function objectHref(kind: string, namespace: string, name: string, selectedNamespaces?: string): string {
  const segment = findIstioKind(kind)?.plural ?? kind.toLowerCase();
  const query = selectedNamespaces ? `?namespaces=${encodeURIComponent(selectedNamespaces)}` : "";
  return `/istio/${encodeURIComponent(namespace)}/${segment}/${encodeURIComponent(name)}${query}`;
}

/** The editor opened on a line (`?line=12`): where a finding elsewhere (the graph's flag explainer) points. */
export function objectLineHref(kind: string, namespace: string, name: string, line: number | null): string {
  const href = objectHref(kind, namespace, name, namespace);
  return line === null ? href : `${href}&line=${line}`;
}

export function newObjectHref(namespace: string, kind?: string): string {
  const params = new URLSearchParams({ namespace, namespaces: namespace });
  if (kind) params.set("kind", kind);
  return `/istio/new?${params.toString()}`;
}

/** Istio objects open in the editor; Services and workloads are found on the graph. */
export function referenceHref(ref: ObjectReference): string | undefined {
  if (!ref.found) return undefined;
  if (ref.kind === "Service" || ref.kind === "Workload") {
    const find = ref.kind === "Service" ? `service = ${ref.name}` : `name = ${ref.name}`;
    return `/graph?${new URLSearchParams({ namespaces: ref.namespace, find }).toString()}`;
  }
  return objectHref(ref.kind, ref.namespace, ref.name, ref.namespace);
}
