/**
 * get and list, as JSON or as a Table. Lists are in key order (namespace/name) and page
 * with limit/continue; the continue token is opaque to clients and names the last key sent.
 */
import type { KubeObject } from "../store/types";
import { parseLabelSelector } from "../store/label-selector";
import { parseFieldSelector } from "../store/field-selector";
import { apiVersionOf } from "../store/resource-registry";
import { notFound, StatusError } from "./status-error";
import { sendJson, sendRawJson } from "./respond";
import { serializeList, serializeObject } from "./serialize-object";
import { wantsTable } from "./negotiate";
import { buildTable, includeObjectParam } from "./serve-table";
import { asServed, type ResourceRequest } from "./request-context";
import { scaleOf } from "./scale-subresource";

export function selectObjects(r: ResourceRequest): KubeObject[] {
  const { def, namespace } = r.target;
  const labels = parseLabelSelector(r.url.searchParams.get("labelSelector"));
  const fields = parseFieldSelector(r.url.searchParams.get("fieldSelector"));
  return r.deps.memory.listShared(def, namespace).items.filter((o) => labels(o.metadata.labels) && fields(o));
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ""}/${o.metadata.name ?? ""}`;
}

function decodeContinue(token: string | null): string | undefined {
  if (!token) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { start?: unknown };
    if (typeof parsed.start === "string") return parsed.start;
  } catch {
    // fall through to the error below
  }
  throw new StatusError(400, "BadRequest", "continue key is not valid: illegal base64 data");
}

export function handleList(r: ResourceRequest): void {
  const { def, version } = r.target;
  const resourceVersion = r.deps.memory.currentResourceVersion();
  let items = selectObjects(r);
  const after = decodeContinue(r.url.searchParams.get("continue"));
  if (after !== undefined) items = items.filter((o) => keyOf(o) > after);
  const limit = Number(r.url.searchParams.get("limit") ?? "0");
  const meta: Record<string, unknown> = { resourceVersion };
  if (limit > 0 && items.length > limit) {
    meta.remainingItemCount = items.length - limit;
    items = items.slice(0, limit);
    meta.continue = Buffer.from(JSON.stringify({ start: keyOf(items[items.length - 1] as KubeObject) })).toString(
      "base64url",
    );
  }
  const served = items.map((o) => asServed(o, def, version));
  if (wantsTable(r.req)) {
    sendJson(r.res, 200, buildTable(def, served, meta, includeObjectParam(r.url.searchParams.get("includeObject"))));
    return;
  }
  sendRawJson(
    r.res,
    200,
    serializeList({ kind: def.listKind, apiVersion: apiVersionOf(def, version), metadata: meta }, served),
  );
}

export function handleGet(r: ResourceRequest): void {
  const { def, version, namespace, name = "", subresource } = r.target;
  const found = r.deps.memory.getShared(def, namespace, name);
  if (!found) throw notFound(def, name);
  if (subresource === "scale") {
    sendJson(r.res, 200, scaleOf(found));
    return;
  }
  const served = asServed(found, def, version);
  if (wantsTable(r.req)) {
    sendJson(
      r.res,
      200,
      buildTable(
        def,
        [served],
        { resourceVersion: found.metadata.resourceVersion },
        includeObjectParam(r.url.searchParams.get("includeObject")),
      ),
    );
    return;
  }
  sendRawJson(r.res, 200, serializeObject(served));
}
