/** The `namespaces` URL parameter: a comma-separated, de-duplicated, sorted list of names. */
const namespaceName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function parseNamespaceParam(value: string | null | undefined): string[] {
  if (!value) return [];
  return [
    ...new Set(
      value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => namespaceName.test(s) && s.length <= 63),
    ),
  ].sort();
}

export function formatNamespaceParam(namespaces: string[]): string {
  return parseNamespaceParam(namespaces.join(",")).join(",");
}

/** Whether something in `namespace` shows under the top bar's selection: no selection shows every namespace. */
export function isInSelection(selected: readonly string[], namespace: string): boolean {
  return selected.length === 0 || selected.includes(namespace);
}
