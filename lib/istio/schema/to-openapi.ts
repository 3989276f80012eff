/**
 * A field table as an OpenAPI schema object, the form kube-apiserver publishes a CRD's
 * structural schema in (/openapi/v2 `definitions`, /openapi/v3 `components.schemas`): type and
 * format per field, `properties` for objects, `items` for lists, `additionalProperties` for
 * maps. The simulator publishes the same tables its admission checks writes against, so what
 * a client reads is what the server enforces.
 */
import type { FieldSchema } from "./field-schema";

export interface OpenApiSchema {
  type: "string" | "integer" | "number" | "boolean" | "object" | "array";
  format?: string;
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
  additionalProperties?: OpenApiSchema;
}

export function toOpenApiSchema(schema: FieldSchema): OpenApiSchema {
  switch (schema.type) {
    case "object":
      return {
        type: "object",
        properties: Object.fromEntries(
          Object.entries(schema.properties).map(([name, field]) => [name, toOpenApiSchema(field)]),
        ),
      };
    case "array":
      return { type: "array", items: toOpenApiSchema(schema.items) };
    case "map":
      return { type: "object", additionalProperties: toOpenApiSchema(schema.values) };
    default:
      return schema.format ? { type: schema.type, format: schema.format } : { type: schema.type };
  }
}
