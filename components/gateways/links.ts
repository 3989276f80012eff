/** Where the Gateways pages live, carrying the namespace selection along. */
export function gatewayHref(namespace: string, name: string): string {
  return `/gateways/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}?namespaces=${encodeURIComponent(namespace)}`;
}
