/**
 * Watch streams: HTTP 200, chunked, one JSON event per line. Without a resourceVersion (or
 * "0") the stream opens with ADDED for everything that matches, then follows changes; with
 * one it replays what came after it, or sends a single ERROR event (410 Expired) and ends so
 * the client relists. BOOKMARKs carry the latest resourceVersion when the client allows them.
 */
import type { KubeObject } from "../store/types";
import type { StoredEvent } from "../store/watch-hub";
import { parseLabelSelector } from "../store/label-selector";
import { parseFieldSelector } from "../store/field-selector";
import { apiVersionOf } from "../store/resource-registry";
import { isStatusError } from "./status-error";
import { wantsTable } from "./negotiate";
import { buildTable, includeObjectParam } from "./serve-table";
import { asServed, type ResourceRequest } from "./request-context";
import { serializeObject } from "./serialize-object";

const DEFAULT_BOOKMARK_SECONDS = 15;

/**
 * What a selector-filtered watch reports for a change, as the real watch cache does: an
 * object that starts matching is ADDED, one that stops matching is DELETED.
 */
export function typeSeenThroughSelector(
  event: StoredEvent,
  matches: (o: KubeObject) => boolean,
): StoredEvent["type"] | undefined {
  const now = matches(event.object);
  if (event.type !== "MODIFIED" || !event.previous) return now ? event.type : undefined;
  const before = matches(event.previous);
  if (now && before) return "MODIFIED";
  if (now) return "ADDED";
  return before ? "DELETED" : undefined;
}

export function serveWatch(r: ResourceRequest): void {
  const { def, version, namespace, name } = r.target;
  const params = r.url.searchParams;
  const labels = parseLabelSelector(params.get("labelSelector"));
  const fields = parseFieldSelector(params.get("fieldSelector"));
  const matches = (o: KubeObject): boolean =>
    labels(o.metadata.labels) && fields(o) && (name === undefined || o.metadata.name === name);
  const asTable = wantsTable(r.req);
  const include = includeObjectParam(params.get("includeObject"));
  const since = params.get("resourceVersion") ?? "";

  r.res.writeHead(200, {
    "content-type": "application/json",
    "transfer-encoding": "chunked",
    "cache-control": "no-cache, private",
  });
  r.res.flushHeaders();

  const write = (type: string, object: unknown): void => {
    if (!r.res.writableEnded) r.res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const send = (event: StoredEvent): void => {
    const type = typeSeenThroughSelector(event, matches);
    if (!type) return;
    const served = asServed(event.object, def, version);
    if (asTable) write(type, buildTable(def, [served], { resourceVersion: served.metadata.resourceVersion }, include));
    else if (!r.res.writableEnded) r.res.write(`{"type":"${type}","object":${serializeObject(served)}}\n`);
  };

  let unsubscribe: () => void = () => {};
  const initial = since === "" || since === "0";
  try {
    if (initial) for (const o of r.deps.memory.listShared(def, namespace).items) send({ type: "ADDED", object: o });
    unsubscribe = r.deps.memory.watchShared(def, namespace, send, initial ? undefined : since);
  } catch (err) {
    if (isStatusError(err)) write("ERROR", err.status);
    r.res.end();
    return;
  }

  const timers: NodeJS.Timeout[] = [];
  if (params.get("allowWatchBookmarks") === "true" && !asTable) {
    const every = (r.deps.bookmarkIntervalSeconds ?? DEFAULT_BOOKMARK_SECONDS) * 1000;
    timers.push(
      setInterval(
        () =>
          write("BOOKMARK", {
            kind: def.kind,
            apiVersion: apiVersionOf(def, version),
            metadata: { resourceVersion: r.deps.memory.currentResourceVersion() },
          }),
        every,
      ),
    );
  }
  const timeoutSeconds = Number(params.get("timeoutSeconds") ?? "0");
  const close = (): void => {
    unsubscribe();
    for (const t of timers) clearInterval(t);
    if (!r.res.writableEnded) r.res.end();
  };
  if (timeoutSeconds > 0) timers.push(setTimeout(close, timeoutSeconds * 1000));
  r.req.on("close", close);
  r.res.on("close", close);
}
