/**
 * PATCH: pick the strategy from Content-Type, apply it to the current object as served,
 * then write through the same pipeline as a replace. Server-side apply to a missing object
 * creates it. A resourceVersion inside the patch is a precondition, as upstream.
 */
import type { KubeObject } from "../store/types";
import { readRawBody, parseBody } from "./read-body";
import { contentTypeOf } from "./negotiate";
import { decodeObject } from "./decode-object";
import { badRequest, notFound } from "./status-error";
import { sendJson } from "./respond";
import { asServed, writeOptionsOf, type ResourceRequest } from "./request-context";
import { createThroughPipeline, scopeToSubresource, updateThroughPipeline } from "./write-pipeline";
import { selectPatcher } from "./patch/select-patcher";
import { isPlainObject } from "./patch/json-value";
import { applyScale, scaleOf } from "./scale-subresource";

const APPLY = "application/apply-patch+yaml";

export async function handlePatch(r: ResourceRequest): Promise<void> {
  const { def, version, namespace, name = "", subresource } = r.target;
  const contentType = contentTypeOf(r.req);
  const patcher = selectPatcher(contentType, def);
  const raw = await readRawBody(r.req);
  const patch = parseBody(raw, contentType);
  const options = writeOptionsOf(r.url);
  const current = r.deps.memory.getShared(def, namespace, name);

  if (!current) {
    if (contentType !== APPLY || subresource) throw notFound(def, name);
    const object = decodeObject(patch, r.target);
    const created = createThroughPipeline(r.deps, def, object, options);
    sendJson(r.res, 201, asServed(created.object, def, version), "application/json", created.warnings);
    return;
  }

  if (subresource === "scale") {
    const patchedScale = patcher(scaleOf(current), patch, def);
    const result = updateThroughPipeline(r.deps, def, applyScale(current, patchedScale), current, options);
    sendJson(r.res, 200, scaleOf(result.object), "application/json", result.warnings);
    return;
  }

  const patched = patcher(asServed(current, def, version), patch, def);
  if (!isPlainObject(patched)) throw badRequest("the patch did not produce an object");
  const incoming = decodeObject(patched, { ...r.target, namespace: current.metadata.namespace });
  const object: KubeObject = scopeToSubresource(def, subresource, incoming, current);
  const result = updateThroughPipeline(r.deps, def, object, current, options);
  sendJson(r.res, 200, asServed(result.object, def, version), "application/json", result.warnings);
}
