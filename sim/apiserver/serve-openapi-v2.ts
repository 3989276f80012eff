/**
 * OpenAPI v2 (Swagger 2.0) at /openapi/v2: a `definitions` entry per served version of each
 * Istio kind, its `spec` the field table the simulator's admission enforces
 * (lib/istio/schema, converted by its `specOpenApiSchema`), tagged with
 * `x-kubernetes-group-version-kind` as kube-apiserver tags a CRD's definitions. `paths` is
 * left empty: the v3 documents (serve-openapi.ts) describe the operations.
 *
 * JSON only. client-go's `OpenAPISchema()` asks for protobuf
 * (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`) and nothing else; it gets
 * 406 Not Acceptable, as kube-openapi's handler answers a media type it cannot serve. kubectl
 * treats that failure as "no v2 document" and computes patches as it does without one
 * (strategic merge from its compiled-in types for built-in kinds, JSON merge patch for
 * custom resources), which is what this server applies. Serving protobuf would instead let
 * kubectl look up patch strategies in this document.
 */
import { specOpenApiSchema } from "@/lib/istio/schema";
import { RESOURCES } from "../store/resource-registry";
import { SERVER_VERSION } from "./server-version";

const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

/** kube-apiserver names a CRD's definition by its reversed group: `io.istio.networking.v1.VirtualService`. */
function definitionName(group: string, version: string, kind: string): string {
  return `${group.split(".").reverse().join(".")}.${version}.${kind}`;
}

function definitions(): Record<string, unknown> {
  const found: Record<string, unknown> = {
    // Opaque here, but present, so every `$ref` of the document resolves.
    [OBJECT_META]: { description: "ObjectMeta is metadata that all persisted resources must have.", type: "object" },
  };
  for (const def of RESOURCES) {
    const spec = specOpenApiSchema(def.group, def.kind);
    if (!spec) continue;
    for (const version of def.versions) {
      found[definitionName(def.group, version, def.kind)] = {
        type: "object",
        properties: {
          apiVersion: { type: "string" },
          kind: { type: "string" },
          metadata: { $ref: `#/definitions/${OBJECT_META}` },
          spec,
          status: { type: "object" },
        },
        "x-kubernetes-group-version-kind": [{ group: def.group, kind: def.kind, version }],
      };
    }
  }
  return found;
}

/** Built once: the document depends only on the resource table and the field tables. */
export const OPENAPI_V2_DOCUMENT = JSON.stringify({
  swagger: "2.0",
  info: { title: "Kubernetes", version: SERVER_VERSION.gitVersion },
  paths: {},
  definitions: definitions(),
});
