/** Where an AuthorizationPolicy's detail page is: `/security/authorization/<namespace>/<name>`. */
export function policyHref(namespace: string, name: string): string {
  return `/security/authorization/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

/** The audit log of one AuthorizationPolicy (its namespace selected as the top bar selects it). */
export function policyAuditHref(namespace: string, name: string): string {
  return `/audit?${new URLSearchParams({ namespaces: namespace, kind: "AuthorizationPolicy", name }).toString()}`;
}
