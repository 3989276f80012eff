/**
 * Turns a request path into what it addresses: a discovery document, the OpenAPI tree, a
 * health probe, or a resource (group, version, namespace, name, subresource). The two
 * resource path forms are `/api/v1/...` (core) and `/apis/GROUP/VERSION/...`.
 */
import { findResource, type ResourceDef } from "../store/resource-registry";

export interface ResourceTarget {
  def: ResourceDef;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export type Route =
  | { type: "health" }
  | { type: "version" }
  | { type: "discovery-root"; legacy: boolean }
  | { type: "discovery-group"; group: string }
  | { type: "discovery-version"; group: string; version: string }
  | { type: "openapi"; rest: string[] }
  | { type: "resource"; target: ResourceTarget }
  | { type: "not-found" };

const HEALTH = new Set(["healthz", "readyz", "livez"]);

function resourceRoute(group: string, version: string, rest: string[]): Route {
  let namespace: string | undefined;
  let parts = rest;
  // `namespaces/NAME/status` is the Namespace's own subresource, not a namespaced collection.
  if (
    parts[0] === "namespaces" &&
    parts.length >= 3 &&
    !(group === "" && (parts[2] === "status" || parts[2] === "finalize"))
  ) {
    namespace = parts[1];
    parts = parts.slice(2);
  }
  const [resource, name, subresource, ...extra] = parts;
  if (!resource || extra.length > 0) return { type: "not-found" };
  const def = findResource(group, resource);
  if (!def || !def.versions.includes(version)) return { type: "not-found" };
  if (namespace !== undefined && !def.namespaced) return { type: "not-found" };
  return {
    type: "resource",
    target: {
      def,
      version,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(name ? { name } : {}),
      ...(subresource ? { subresource } : {}),
    },
  };
}

export function parseRequestPath(pathname: string): Route {
  const segments = pathname
    .split("/")
    .filter((s) => s !== "")
    .map(decodeURIComponent);
  const [first, second, third, ...rest] = segments;
  if (first && HEALTH.has(first)) return { type: "health" };
  if (first === "version" && segments.length === 1) return { type: "version" };
  if (first === "openapi") return { type: "openapi", rest: segments.slice(1) };
  if (first === "api") {
    if (!second) return { type: "discovery-root", legacy: true };
    if (second !== "v1") return { type: "not-found" };
    if (!third) return { type: "discovery-version", group: "", version: "v1" };
    return resourceRoute("", "v1", [third, ...rest]);
  }
  if (first === "apis") {
    if (!second) return { type: "discovery-root", legacy: false };
    if (!third) return { type: "discovery-group", group: second };
    if (rest.length === 0) return { type: "discovery-version", group: second, version: third };
    return resourceRoute(second, third, rest);
  }
  return { type: "not-found" };
}
