/**
 * The API server's request handler: authenticate, route, authorise, then hand over to the
 * handler for the verb. Verbs follow kube-apiserver's mapping of HTTP method and path
 * (GET on a collection is list, or watch with ?watch=true, and so on).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseRequestPath, type ResourceTarget, type Route } from "./parse-request-path";
import { forbidden, methodNotAllowed, pathNotFound, unauthorized } from "./status-error";
import { sendError, sendJson, sendRawJson, sendText } from "./respond";
import { AGGREGATED_DISCOVERY_CONTENT_TYPE, acceptsOpenApiJson, wantsAggregatedDiscovery } from "./negotiate";
import { aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions } from "./serve-discovery";
import { openApiDocument, openApiRoot } from "./serve-openapi";
import { OPENAPI_V2_DOCUMENT } from "./serve-openapi-v2";
import { SERVER_VERSION } from "./server-version";
import { handleGet, handleList } from "./handle-reads";
import { serveWatch } from "./serve-watch";
import { handleCreate, handleDelete, handleDeleteCollection, handleReplace } from "./handle-writes";
import { handlePatch } from "./handle-patch";
import { handleSelfSubjectAccessReview } from "./self-subject-access-review";
import type { ApiServerDeps, ResourceRequest, UserInfo } from "./request-context";

type Handler = (r: ResourceRequest) => void | Promise<void>;

const HANDLERS: Record<string, Handler> = {
  get: handleGet,
  list: handleList,
  watch: serveWatch,
  create: handleCreate,
  update: handleReplace,
  patch: handlePatch,
  delete: handleDelete,
  deletecollection: handleDeleteCollection,
};

const SUBRESOURCE_VERBS = new Set(["get", "update", "patch"]);

function verbOf(method: string, target: ResourceTarget, url: URL): string | undefined {
  const watch = url.searchParams.get("watch");
  const watching = watch === "true" || watch === "1";
  const named = target.name !== undefined;
  const table: Record<string, string | undefined> = {
    GET: watching ? "watch" : named ? "get" : "list",
    POST: named ? undefined : "create",
    PUT: named ? "update" : undefined,
    PATCH: named ? "patch" : undefined,
    DELETE: named ? "delete" : "deletecollection",
  };
  return table[method];
}

function subresourceServed(target: ResourceTarget): boolean {
  if (!target.subresource) return true;
  if (target.subresource === "status") return target.def.hasStatus;
  if (target.subresource === "scale") return target.def.hasScale;
  return false;
}

async function serveResource(req: IncomingMessage, res: ServerResponse, url: URL, target: ResourceTarget, user: UserInfo, deps: ApiServerDeps): Promise<void> {
  if (!subresourceServed(target)) throw pathNotFound();
  const verb = verbOf(req.method ?? "GET", target, url);
  if (!verb) throw methodNotAllowed();
  const allowedVerbs: readonly string[] = target.subresource ? [...SUBRESOURCE_VERBS] : target.def.verbs;
  if (!allowedVerbs.includes(verb)) throw methodNotAllowed();
  const attributes = {
    user,
    verb,
    group: target.def.group,
    resource: target.def.resource,
    ...(target.subresource ? { subresource: target.subresource } : {}),
    ...(target.namespace ? { namespace: target.namespace } : {}),
    ...(target.name ? { name: target.name } : {}),
  };
  if (!deps.authorize(attributes)) throw forbidden({ ...attributes, user: user.name });
  const request: ResourceRequest = { req, res, url, target, verb, user, deps };
  if (target.def.resource === "selfsubjectaccessreviews") return handleSelfSubjectAccessReview(request);
  const handler = HANDLERS[verb];
  if (!handler) throw methodNotAllowed();
  await handler(request);
}

/** JSON, or a bodiless 406 for a client that only takes protobuf (see serve-openapi-v2.ts). */
function serveOpenApiV2(req: IncomingMessage, res: ServerResponse): void {
  if (!acceptsOpenApiJson(req)) {
    res.writeHead(406, { vary: "Accept" });
    res.end();
    return;
  }
  sendRawJson(res, 200, OPENAPI_V2_DOCUMENT);
}

function serveNonResource(req: IncomingMessage, res: ServerResponse, route: Route): void {
  const host = req.headers.host ?? "127.0.0.1";
  const found = (body: unknown): void => (body === undefined ? sendError(res, pathNotFound()) : sendJson(res, 200, body));
  switch (route.type) {
    case "version":
      return sendJson(res, 200, SERVER_VERSION);
    case "discovery-root":
      if (wantsAggregatedDiscovery(req)) return sendJson(res, 200, aggregatedDiscovery(route.legacy), AGGREGATED_DISCOVERY_CONTENT_TYPE);
      return found(route.legacy ? apiVersions(host) : apiGroupList());
    case "discovery-group":
      return found(apiGroup(route.group));
    case "discovery-version":
      return found(apiResourceList(route.group, route.version));
    case "openapi": {
      if (route.rest[0] === "v2" && route.rest.length === 1) return serveOpenApiV2(req, res);
      if (route.rest[0] !== "v3") return sendError(res, pathNotFound());
      if (route.rest.length === 1) return sendJson(res, 200, openApiRoot());
      const doc = openApiDocument(route.rest.slice(1));
      if (doc === undefined) return sendError(res, pathNotFound());
      res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(doc)) });
      res.end(doc);
      return;
    }
    default:
      return sendError(res, pathNotFound());
  }
}

export function createRequestHandler(deps: ApiServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    const route = parseRequestPath(url.pathname);
    if (route.type === "health") return sendText(res, 200, "ok");
    const user = deps.authenticate(req);
    if (!user) return sendError(res, unauthorized());
    if (route.type !== "resource") {
      if (req.method !== "GET" && req.method !== "HEAD") return sendError(res, methodNotAllowed());
      return serveNonResource(req, res, route);
    }
    const serve = () => serveResource(req, res, url, route.target, user, deps).catch((err: unknown) => sendError(res, err));
    const delayMs = deps.latency?.ms ?? 0;
    const isWatch = url.searchParams.get("watch") === "true" || url.searchParams.get("watch") === "1";
    if (delayMs > 0 && !isWatch) setTimeout(serve, delayMs);
    else void serve();
  };
}
