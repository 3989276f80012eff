import { formatNamespaceParam } from "@/lib/namespace-param";

/** Where the Gateways pages live, carrying the namespace selection along. */
export function gatewayHref(namespace: string, name: string): string {
  return `/gateways/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}?namespaces=${encodeURIComponent(namespace)}`;
}

/** The Egress page for the same namespaces. */
export function egressHref(namespaces: string[]): string {
  const param = formatNamespaceParam(namespaces);
  return param ? `/egress?namespaces=${encodeURIComponent(param)}` : "/egress";
}
