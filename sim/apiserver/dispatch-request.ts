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
import { handleSelfSubjectReview } from "./self-subject-review";
import { handleSelfSubjectRulesReview } from "./self-subject-rules-review";
import { impersonate, isImpersonationError } from "./impersonate";
import { servePodLog } from "./serve-pod-log";
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

/** Review resources are answered, never stored: keyed by `group/resource`. */
const REVIEWS: Record<string, Handler> = {
  "authorization.k8s.io/selfsubjectaccessreviews": handleSelfSubjectAccessReview,
  "authorization.k8s.io/selfsubjectrulesreviews": handleSelfSubjectRulesReview,
  "authentication.k8s.io/selfsubjectreviews": handleSelfSubjectReview,
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

/**
 * The namespace a request is authorised in. A named Namespace is its own namespace, as
 * kube-apiserver's RequestInfo has it, so a RoleBinding in bookinfo can grant `get` on the
 * bookinfo Namespace object.
 */
function namespaceOf(target: ResourceTarget): string | undefined {
  if (target.def.group === "" && target.def.resource === "namespaces") return target.name;
  return target.namespace;
}

function subresourceServed(target: ResourceTarget): boolean {
  if (!target.subresource) return true;
  if (target.subresource === "status") return target.def.hasStatus;
  if (target.subresource === "scale") return target.def.hasScale;
  if (target.subresource === "log") return target.def.group === "" && target.def.resource === "pods";
  return false;
}

async function serveResource(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  target: ResourceTarget,
  user: UserInfo,
  deps: ApiServerDeps,
): Promise<void> {
  if (!subresourceServed(target)) throw pathNotFound();
  const verb = verbOf(req.method ?? "GET", target, url);
  if (!verb) throw methodNotAllowed();
  const allowedVerbs: readonly string[] = target.subresource ? [...SUBRESOURCE_VERBS] : target.def.verbs;
  if (!allowedVerbs.includes(verb)) throw methodNotAllowed();
  // pods/log is read-only (kube-apiserver registers it as a Getter).
  if (target.subresource === "log" && verb !== "get") throw methodNotAllowed();
  const attributes = {
    user,
    verb,
    group: target.def.group,
    resource: target.def.resource,
    ...(target.subresource ? { subresource: target.subresource } : {}),
    ...(namespaceOf(target) ? { namespace: namespaceOf(target) } : {}),
    ...(target.name ? { name: target.name } : {}),
  };
  if (!deps.authorize.allows(attributes)) throw forbidden({ ...attributes, user: user.name });
  const request: ResourceRequest = { req, res, url, target, verb, user, deps };
  if (target.subresource === "log") return servePodLog(request, deps.podLogs);
  const review = REVIEWS[`${target.def.group}/${target.def.resource}`];
  if (review) return review(request);
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
  const found = (body: unknown): void =>
    body === undefined ? sendError(res, pathNotFound()) : sendJson(res, 200, body);
  switch (route.type) {
    case "version":
      return sendJson(res, 200, SERVER_VERSION);
    case "discovery-root":
      if (wantsAggregatedDiscovery(req))
        return sendJson(res, 200, aggregatedDiscovery(route.legacy), AGGREGATED_DISCOVERY_CONTENT_TYPE);
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
    const authenticated = deps.authenticate(req);
    if (!authenticated) return sendError(res, unauthorized());
    let user: UserInfo;
    try {
      user = impersonate(req, authenticated, deps.authorize);
    } catch (err) {
      if (isImpersonationError(err)) return sendText(res, err.code, `${err.message}\n`);
      return sendError(res, err);
    }
    if (route.type !== "resource") {
      if (req.method !== "GET" && req.method !== "HEAD") return sendError(res, methodNotAllowed());
      return serveNonResource(req, res, route);
    }
    const serve = () =>
      serveResource(req, res, url, route.target, user, deps).catch((err: unknown) => sendError(res, err));
    const delayMs = deps.latency?.ms ?? 0;
    const isWatch = url.searchParams.get("watch") === "true" || url.searchParams.get("watch") === "1";
    if (delayMs > 0 && !isWatch) setTimeout(serve, delayMs);
    else void serve();
  };
}
