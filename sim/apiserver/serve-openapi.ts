/**
 * OpenAPI v3, as much as kubectl needs. `kubectl apply` (default --validate=strict) asks the
 * group-version document whether the PATCH operation of the object's kind
 * (`x-kubernetes-group-version-kind`) takes a `fieldValidation` query parameter; if so it
 * leaves validation to the server. Schemas are deliberately opaque objects without GVK
 * extensions, so kubectl computes strategic merge patches from its compiled-in types, which
 * match the merge keys this server applies.
 */
import { createHash } from "node:crypto";
import { RESOURCES, type ResourceDef } from "../store/resource-registry";
import { SERVER_VERSION } from "./server-version";

function gvPath(group: string, version: string): string {
  return group === "" ? `api/${version}` : `apis/${group}/${version}`;
}

function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const def of RESOURCES)
    for (const version of def.versions) seen.set(gvPath(def.group, version), { group: def.group, version });
  return [...seen.values()];
}

const QUERY_PARAMS = ["dryRun", "fieldManager", "fieldValidation", "pretty"].map((name) => ({
  name,
  in: "query",
  schema: { type: "string", uniqueItems: true },
}));
const OBJECT = { content: { "application/json": { schema: { type: "object" } } } };

function operation(
  def: ResourceDef,
  version: string,
  action: string,
  extraParams: unknown[] = [],
): Record<string, unknown> {
  return {
    operationId: `${action}${def.kind}`,
    parameters: [...QUERY_PARAMS, ...extraParams],
    responses: { "200": { description: "OK", ...OBJECT } },
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": { group: def.group, version, kind: def.kind },
  };
}

const PATCH_BODY = {
  required: true,
  content: Object.fromEntries(
    [
      "application/json-patch+json",
      "application/merge-patch+json",
      "application/strategic-merge-patch+json",
      "application/apply-patch+yaml",
    ].map((t) => [t, { schema: { type: "object" } }]),
  ),
};

function pathsFor(def: ResourceDef, version: string): Record<string, unknown> {
  const base = `/${gvPath(def.group, version)}${def.namespaced ? "/namespaces/{namespace}" : ""}/${def.resource}`;
  const pathParams = def.namespaced
    ? [{ name: "namespace", in: "path", required: true, schema: { type: "string" } }]
    : [];
  const nameParam = { name: "name", in: "path", required: true, schema: { type: "string" } };
  const verbs = new Set<string>(def.verbs);
  const collection: Record<string, unknown> = { parameters: pathParams };
  if (verbs.has("list")) collection.get = operation(def, version, "list");
  if (verbs.has("create")) collection.post = { ...operation(def, version, "post"), requestBody: OBJECT };
  if (verbs.has("deletecollection")) collection.delete = operation(def, version, "deletecollection");
  const paths: Record<string, unknown> = { [base]: collection };
  if (verbs.has("get")) {
    paths[`${base}/{name}`] = {
      parameters: [...pathParams, nameParam],
      get: operation(def, version, "get"),
      put: { ...operation(def, version, "put"), requestBody: OBJECT },
      patch: {
        ...operation(def, version, "patch", [
          { name: "force", in: "query", schema: { type: "boolean", uniqueItems: true } },
        ]),
        requestBody: PATCH_BODY,
      },
      delete: operation(def, version, "delete"),
    };
  }
  return paths;
}

function groupVersionDocument(group: string, version: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const def of RESOURCES)
    if (def.group === group && def.versions.includes(version)) Object.assign(paths, pathsFor(def, version));
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: SERVER_VERSION.gitVersion },
    paths,
    components: { schemas: {} },
  };
}

const documents = new Map<string, { body: string; hash: string }>();
for (const { group, version } of groupVersions()) {
  const body = JSON.stringify(groupVersionDocument(group, version));
  documents.set(gvPath(group, version), {
    body,
    hash: createHash("sha512").update(body).digest("hex").slice(0, 128).toUpperCase(),
  });
}

export function openApiRoot(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const [path, doc] of documents) paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${doc.hash}` };
  return { paths };
}

/** The serialised group-version document for `rest` (e.g. ["apis","apps","v1"]), or undefined. */
export function openApiDocument(rest: string[]): string | undefined {
  return documents.get(rest.join("/"))?.body;
}
