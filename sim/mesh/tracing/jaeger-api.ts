/**
 * Jaeger's query API v1 over the trace store, without I/O: a method, a path below the base path
 * (`/api/...`) and the query string in, a status and Jaeger's envelope out.
 *
 * | route                                      | answer                                                    |
 * | ------------------------------------------ | --------------------------------------------------------- |
 * | `GET /api/services`                        | service names, sorted; `total` = count                    |
 * | `GET /api/services/{service}/operations`   | operation names (all span kinds); `total` = count          |
 * | `GET /api/operations?service=&spanKind=`   | `[{name, spanKind}]`; no service → 400                     |
 * | `GET /api/traces?service=…` (jaeger-params) | traces, newest first, at most `limit`; `total` stays 0    |
 * | `GET /api/traces/{traceID}`                | `[trace]`, or 404 `trace not found`                        |
 *
 * Errors are the same envelope with `errors: [{code, msg}]` and `data: null`; Jaeger writes them
 * with Go's http.Error, hence `text/plain` (tracing-server.ts). A `limit` beyond the ring's size
 * fails as Jaeger 2's memory storage fails it: 500 `search depth must be greater than 0 and less
 * than max traces`. Unknown paths get gorilla/mux's plain 404; a known path with another method, 405.
 */
import type { JaegerEnvelope, JaegerError } from "./jaeger-model";
import { checkTraceTimes, parseTraceSearch, type TraceSearch } from "./jaeger-params";
import { spanMatches } from "./match-span";
import { renderTrace } from "./render-trace";
import { parseTraceId } from "./trace-id";
import type { StoredTrace, TraceStore } from "./trace-store";

export type JaegerAnswer = { status: number; envelope: JaegerEnvelope<unknown> } | { status: number; text: string };

interface Request {
  query: URLSearchParams;
  nowUs: number;
  /** Path segments captured by the route, URL-decoded. */
  params: string[];
}

const ok = (data: unknown, total = 0): JaegerAnswer => ({
  status: 200,
  envelope: { data, total, limit: 0, offset: 0, errors: null },
});

const failure = (status: number, msg: string): JaegerAnswer => ({
  status,
  envelope: { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: status, msg }] },
});

/** Go's model.TraceID.String(): 16 digits when the high half is zero, else 32. */
const displayTraceId = (key: string): string => (key.startsWith("0".repeat(16)) ? key.slice(16) : key);

function findTraces(store: TraceStore, search: TraceSearch): StoredTrace[] {
  const found: StoredTrace[] = [];
  for (const trace of store.tracesOf(search.service)) {
    if (found.length === search.limit) break;
    if (trace.spans.some((span) => spanMatches(span, search))) found.push(trace);
  }
  return found;
}

function searchTraces(store: TraceStore, { query, nowUs }: Request): JaegerAnswer {
  const parsed = parseTraceSearch(query, nowUs);
  if (!parsed.ok) return failure(400, parsed.error);
  const search = parsed.value;
  if (search.traceIds.length > 0) {
    const traces: StoredTrace[] = [];
    const errors: JaegerError[] = [];
    for (const id of search.traceIds) {
      const trace = store.get(id);
      if (trace) traces.push(trace);
      else errors.push({ msg: "trace not found", traceID: displayTraceId(id) });
    }
    return { status: 200, envelope: { ...envelopeOf(traces), errors: errors.length > 0 ? errors : null } };
  }
  if (search.limit <= 0 || search.limit > store.maxTraces)
    return failure(500, "search depth must be greater than 0 and less than max traces");
  return { status: 200, envelope: envelopeOf(findTraces(store, search)) };
}

function envelopeOf(traces: StoredTrace[]): JaegerEnvelope<unknown> {
  return { data: traces.map(renderTrace), total: 0, limit: 0, offset: 0, errors: null };
}

function getTrace(store: TraceStore, { query, params }: Request): JaegerAnswer {
  const id = parseTraceId(params[0] ?? "");
  if (!id.ok) return failure(400, id.error);
  const times = checkTraceTimes(query);
  if (!times.ok) return failure(400, times.error);
  const trace = store.get(id.key);
  return trace ? ok([renderTrace(trace)]) : failure(404, "trace not found");
}

function listOperations(store: TraceStore, { query }: Request): JaegerAnswer {
  const service = query.get("service") ?? "";
  if (service === "") return failure(400, "parameter 'service' is required");
  const spanKind = query.get("spanKind") ?? "";
  const operations = store.operations(service).filter((o) => spanKind === "" || o.spanKind === spanKind);
  return ok(operations, operations.length);
}

function listOperationNames(store: TraceStore, { params }: Request): JaegerAnswer {
  const names = [...new Set(store.operations(params[0] ?? "").map((o) => o.name))];
  return ok(names, names.length);
}

function listServices(store: TraceStore): JaegerAnswer {
  const services = store.services();
  return ok(services, services.length);
}

/** gorilla/mux routes of Jaeger's APIHandler; a path variable matches one segment. */
const ROUTES: { pattern: RegExp; answer: (store: TraceStore, request: Request) => JaegerAnswer }[] = [
  { pattern: /^\/api\/services$/, answer: listServices },
  { pattern: /^\/api\/services\/([^/]+)\/operations$/, answer: listOperationNames },
  { pattern: /^\/api\/operations$/, answer: listOperations },
  { pattern: /^\/api\/traces$/, answer: searchTraces },
  { pattern: /^\/api\/traces\/([^/]+)$/, answer: getTrace },
];

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function answerJaegerQuery(
  store: TraceStore,
  method: string,
  path: string,
  query: URLSearchParams,
  nowUs: number,
): JaegerAnswer {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (method !== "GET") return { status: 405, text: "" };
    return route.answer(store, { query, nowUs, params: match.slice(1).map(decode) });
  }
  return { status: 404, text: "404 page not found\n" };
}
