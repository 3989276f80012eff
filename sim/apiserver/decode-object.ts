/**
 * Request bodies that must be Kubernetes objects: checked with zod so handlers can rely on
 * apiVersion/kind/metadata, and compared with the URL the way a real server does.
 */
import { z } from "zod";
import type { KubeObject } from "../store/types";
import { apiVersionOf } from "../store/resource-registry";
import { badRequest } from "./status-error";
import type { ResourceTarget } from "./parse-request-path";

const metadataSchema = z.looseObject({
  name: z.string().optional(),
  generateName: z.string().optional(),
  namespace: z.string().optional(),
  resourceVersion: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const objectSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: metadataSchema.optional(),
});

export function decodeObject(body: unknown, target: ResourceTarget): KubeObject {
  const parsed = objectSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(
      `unable to decode the request body: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "not an object"}`,
    );
  }
  const { def, version } = target;
  const expected = apiVersionOf(def, version);
  if (parsed.data.apiVersion && parsed.data.apiVersion !== expected)
    throw badRequest(
      `the API version in the data (${parsed.data.apiVersion}) does not match the expected API version (${expected})`,
    );
  // A body without apiVersion/kind takes them from the URL, as the real decoder's default GVK does.
  if (parsed.data.kind && parsed.data.kind !== def.kind)
    throw badRequest(`the kind in the data (${parsed.data.kind}) does not match the expected kind (${def.kind})`);
  const object = {
    ...parsed.data,
    apiVersion: expected,
    kind: def.kind,
    metadata: { ...(parsed.data.metadata ?? {}) },
  } as KubeObject;
  if (def.namespaced) {
    const bodyNamespace = object.metadata.namespace;
    if (bodyNamespace && target.namespace && bodyNamespace !== target.namespace)
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    if (target.namespace) object.metadata.namespace = target.namespace;
  }
  if (target.name !== undefined && object.metadata.name !== undefined && object.metadata.name !== target.name) {
    throw badRequest(
      `the name of the object (${object.metadata.name}) does not match the name on the URL (${target.name})`,
    );
  }
  if (target.name !== undefined) object.metadata.name = target.name;
  return object;
}
