/** create (POST), replace (PUT), delete and deletecollection on resources and their subresources. */
import type { KubeObject } from "../store/types";
import { readRawBody, readObjectBody } from "./read-body";
import { contentTypeOf } from "./negotiate";
import { decodeObject } from "./decode-object";
import { methodNotAllowed, notFound } from "./status-error";
import { sendJson, successStatus } from "./respond";
import { asServed, isDryRun, writeOptionsOf, type ResourceRequest } from "./request-context";
import {
  createThroughPipeline,
  deleteThroughPipeline,
  scopeToSubresource,
  updateThroughPipeline,
} from "./write-pipeline";
import { applyScale, scaleOf } from "./scale-subresource";
import { selectObjects } from "./handle-reads";
import { apiVersionOf } from "../store/resource-registry";

async function readBody(r: ResourceRequest): Promise<{ body: unknown }> {
  return { body: await readObjectBody(r.req, contentTypeOf(r.req)) };
}

export async function handleCreate(r: ResourceRequest): Promise<void> {
  const { def, version } = r.target;
  if (r.target.subresource) throw methodNotAllowed();
  const { body } = await readBody(r);
  const object = decodeObject(body, r.target);
  const result = createThroughPipeline(r.deps, def, object, writeOptionsOf(r.url));
  sendJson(r.res, 201, asServed(result.object, def, version), "application/json", result.warnings);
}

export async function handleReplace(r: ResourceRequest): Promise<void> {
  const { def, version, namespace, name = "", subresource } = r.target;
  const { body } = await readBody(r);
  const current = r.deps.memory.getShared(def, namespace, name);
  if (!current) throw notFound(def, name);
  if (subresource === "scale") {
    const result = updateThroughPipeline(r.deps, def, applyScale(current, body), current, writeOptionsOf(r.url));
    sendJson(r.res, 200, scaleOf(result.object), "application/json", result.warnings);
    return;
  }
  const incoming = decodeObject(body, { ...r.target, namespace: current.metadata.namespace });
  const object = scopeToSubresource(def, subresource, incoming, current);
  const result = updateThroughPipeline(r.deps, def, object, current, writeOptionsOf(r.url));
  sendJson(r.res, 200, asServed(result.object, def, version), "application/json", result.warnings);
}

/** Custom resources and pods answer a delete with the object, other built-ins with a Success Status, as upstream. */
function deleteResponse(r: ResourceRequest, deleted: KubeObject): unknown {
  const { def, version } = r.target;
  if (!def.builtIn || def.resource === "pods") return asServed(deleted, def, version);
  return successStatus({
    name: deleted.metadata.name ?? "",
    group: def.group,
    kind: def.resource,
    uid: deleted.metadata.uid ?? "",
  });
}

export async function handleDelete(r: ResourceRequest): Promise<void> {
  const { def, namespace, name = "" } = r.target;
  if (r.target.subresource) throw methodNotAllowed();
  await readRawBody(r.req); // DeleteOptions: propagation is always background here.
  const current = r.deps.memory.getShared(def, namespace, name);
  if (!current) throw notFound(def, name);
  const result = deleteThroughPipeline(r.deps, def, current, isDryRun(r.url));
  sendJson(r.res, 200, deleteResponse(r, result.object), "application/json", result.warnings);
}

export async function handleDeleteCollection(r: ResourceRequest): Promise<void> {
  const { def, version } = r.target;
  await readRawBody(r.req);
  const deleted: KubeObject[] = [];
  for (const object of selectObjects(r)) {
    if (!r.deps.memory.getShared(def, object.metadata.namespace, object.metadata.name ?? "")) continue;
    deleted.push(asServed(deleteThroughPipeline(r.deps, def, object, isDryRun(r.url)).object, def, version));
  }
  sendJson(r.res, 200, {
    kind: def.listKind,
    apiVersion: apiVersionOf(def, version),
    metadata: { resourceVersion: r.deps.memory.currentResourceVersion() },
    items: deleted,
  });
}
