/** Where the creation form lives, prefilled for a service (graph menu, service pages). */
export function experimentFormHref(kind: "canary" | "fault", namespace: string, service: string): string {
  return `/experiments/new?${new URLSearchParams({ kind, namespace, service })}`;
}
