/** Reading the Accept header the way client-go writes it: a comma list of media types with parameters. */
import type { IncomingMessage } from "node:http";

interface MediaType {
  type: string;
  params: Record<string, string>;
}

function parseAccept(header: string | undefined): MediaType[] {
  if (!header) return [];
  return header.split(",").map((part) => {
    const [type = "", ...params] = part.split(";").map((s) => s.trim());
    const parsed: Record<string, string> = {};
    for (const p of params) {
      const eq = p.indexOf("=");
      if (eq > 0) parsed[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
    }
    return { type: type.toLowerCase(), params: parsed };
  });
}

/** kubectl get asks for `application/json;as=Table;v=v1;g=meta.k8s.io` (v1beta1 too). */
export function wantsTable(req: IncomingMessage): boolean {
  return parseAccept(req.headers.accept).some(
    (m) =>
      m.params.as === "Table" && m.params.g === "meta.k8s.io" && (m.type === "application/json" || m.type === "*/*"),
  );
}

/**
 * client-go asks for aggregated discovery first:
 * `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`.
 */
export function wantsAggregatedDiscovery(req: IncomingMessage): boolean {
  return parseAccept(req.headers.accept).some(
    (m) => m.params.as === "APIGroupDiscoveryList" && m.params.g === "apidiscovery.k8s.io" && m.params.v === "v2",
  );
}

export const AGGREGATED_DISCOVERY_CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

/**
 * Whether /openapi/v2 may answer JSON: kube-openapi's handler serves the first Accept clause it
 * can (`application/json`, or a wildcard, JSON coming first among its types); a request without
 * an Accept header takes anything.
 */
export function acceptsOpenApiJson(req: IncomingMessage): boolean {
  const accepted = parseAccept(req.headers.accept);
  return (
    accepted.length === 0 ||
    accepted.some((m) => m.type === "application/json" || m.type === "application/*" || m.type === "*/*")
  );
}

/** The media type of a request body, without parameters. */
export function contentTypeOf(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}
