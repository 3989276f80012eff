/**
 * The boxes the canvas draws around nodes, decided in one place so the layout
 * (layout.ts) and the canvas elements (components/graph/cy-elements.ts) agree on them:
 * app boxes come from the API (a version's `parent`); namespace boxes are drawn, as
 * Kiali's boxByNamespace does, only when nodes of more than one namespace are on screen.
 */

/** Nodes that name no namespace of their own (the unknown source) stay outside every box. */
const unboxedNamespaces = new Set(["", "unknown"]);

export const namespaceBoxId = (namespace: string) => `namespace-box:${namespace}`;

/** The namespace box a node goes in, given every node drawn; undefined when boxes are not drawn. */
export function namespaceBoxesOf(nodes: readonly { namespace: string }[]): Set<string> {
  const namespaces = new Set(nodes.map((n) => n.namespace).filter((ns) => !unboxedNamespaces.has(ns)));
  return namespaces.size > 1 ? namespaces : new Set();
}

/** Versions read v1, v2, …, v10 (not v1, v10, v2). */
export const compareVersions = new Intl.Collator("en", { numeric: true, sensitivity: "base" }).compare;
