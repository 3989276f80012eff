/**
 * The control API's routes as a table: method + path pattern → handler. Handlers take the
 * parsed request and return a status and JSON body; the HTTP server does the I/O. Bodies
 * are validated with zod; a bad body gets a 400 naming each problem.
 */
import type { z } from "zod";
import type { MeshEngine } from "../engine/mesh-engine";
import { loadBodySchema, proxyBodySchema, workloadBodySchema } from "./control-schemas";

export interface ControlResponse {
  status: number;
  body: unknown;
}

interface Route {
  method: "GET" | "PUT" | "POST";
  pattern: RegExp;
  handle(engine: MeshEngine, params: string[], body: unknown): ControlResponse;
}

export function errorBody(
  code: string,
  message: string,
  issues?: string[],
): { error: { code: string; message: string; issues?: string[] } } {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

function parse<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; response: ControlResponse } {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message));
  return {
    ok: false,
    response: { status: 400, body: errorBody("bad_request", `invalid body: ${issues.join("; ")}`, issues) },
  };
}

const ok = (engine: MeshEngine): ControlResponse => ({ status: 200, body: engine.state() });

const ROUTES: readonly Route[] = [
  { method: "GET", pattern: /^\/control\/?$/, handle: (engine) => ok(engine) },
  {
    method: "PUT",
    pattern: /^\/control\/load\/?$/,
    handle(engine, _params, body) {
      const parsed = parse(loadBodySchema, body);
      if (!parsed.ok) return parsed.response;
      const { entryPoint, ...load } = parsed.value;
      return { status: 200, body: { entryPoint, load: engine.setLoad(entryPoint, load) } };
    },
  },
  {
    method: "PUT",
    pattern: /^\/control\/workloads\/([^/]+)\/([^/]+)\/?$/,
    handle(engine, [namespace = "", workload = ""], body) {
      const parsed = parse(workloadBodySchema, body);
      if (!parsed.ok) return parsed.response;
      const known = new Set(engine.snapshot().pods.map((p) => p.identity.key));
      const key = `${namespace}/${workload}`;
      if (!known.has(key)) {
        const inNamespace = [...known]
          .filter((k) => k.startsWith(`${namespace}/`))
          .map((k) => k.slice(namespace.length + 1));
        return {
          status: 404,
          body: errorBody(
            "not_found",
            `no workload ${key}${inNamespace.length > 0 ? `; workloads in ${namespace}: ${inNamespace.join(", ")}` : ""}`,
          ),
        };
      }
      engine.setWorkloadBehaviour(namespace, workload, parsed.value);
      return { status: 200, body: { workload: key, behaviour: engine.state().workloads[key] } };
    },
  },
  {
    method: "PUT",
    pattern: /^\/control\/proxies\/([^/]+)\/([^/]+)\/?$/,
    handle(engine, [namespace = "", pod = ""], body) {
      const parsed = parse(proxyBodySchema, body);
      if (!parsed.ok) return parsed.response;
      // Only a pod istiod serves has an xDS stream to lag on: one with a sidecar, or a gateway.
      const proxies = engine.snapshot().pods.filter((p) => p.namespace === namespace && (p.hasSidecar || p.isGateway));
      if (!proxies.some((p) => p.name === pod)) {
        const names = proxies.map((p) => p.name);
        return {
          status: 404,
          body: errorBody(
            "not_found",
            `no proxy ${namespace}/${pod}${names.length > 0 ? `; proxies in ${namespace}: ${names.join(", ")}` : ""}`,
          ),
        };
      }
      engine.setProxyStale(namespace, pod, parsed.value.stale);
      return { status: 200, body: { proxy: `${namespace}/${pod}`, stale: parsed.value.stale } };
    },
  },
  { method: "POST", pattern: /^\/control\/pause\/?$/, handle: (engine) => (engine.pause(), ok(engine)) },
  { method: "POST", pattern: /^\/control\/resume\/?$/, handle: (engine) => (engine.resume(), ok(engine)) },
  { method: "POST", pattern: /^\/control\/reset\/?$/, handle: (engine) => (engine.reset(), ok(engine)) },
];

/** Whether some route takes this path (to tell 404 from 405). */
export function isControlPath(path: string): boolean {
  return ROUTES.some((r) => r.pattern.test(path));
}

export function methodsFor(path: string): string[] {
  return ROUTES.filter((r) => r.pattern.test(path)).map((r) => r.method);
}

export function handleControl(engine: MeshEngine, method: string, path: string, body: unknown): ControlResponse {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m || route.method !== method) continue;
    return route.handle(
      engine,
      m.slice(1).map((p) => decodeURIComponent(p)),
      body,
    );
  }
  if (isControlPath(path))
    return {
      status: 405,
      body: errorBody("method_not_allowed", `${method} not allowed on ${path}; use ${methodsFor(path).join(", ")}`),
    };
  return { status: 404, body: errorBody("not_found", `no such endpoint: ${path}`) };
}
