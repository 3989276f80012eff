/**
 * Remembering the namespace selection per browser (issue 21): the URL stays the source of
 * truth (`?namespaces=`, so links reproduce a view); the browser keeps the last selection
 * so a fresh load of any page without the parameter opens where the user left off.
 */
import { formatNamespaceParam, parseNamespaceParam } from "./namespace-param";

export const namespaceMemoryKey = "topsail.namespaces";

export type NamespaceMemoryStep =
  { kind: "remember"; value: string } | { kind: "restore"; value: string } | { kind: "none" };

/**
 * What to do on a page load or URL change: a URL that names namespaces (a deep link, a pick
 * in the selector) is remembered; a URL without them gets the remembered ones back. A user
 * who clears the selection stores "" (see useSelectedNamespaces), so nothing comes back.
 */
export function namespaceMemoryStep(urlParam: string | null, remembered: string | null): NamespaceMemoryStep {
  const fromUrl = formatNamespaceParam(parseNamespaceParam(urlParam));
  if (fromUrl) return fromUrl === remembered ? { kind: "none" } : { kind: "remember", value: fromUrl };
  const stored = formatNamespaceParam(parseNamespaceParam(remembered));
  return stored ? { kind: "restore", value: stored } : { kind: "none" };
}
