/**
 * The structural schema of a CRD's spec, as a table: each field's OpenAPI type (and format),
 * objects with their declared properties, lists, maps. Written once per kind (`virtual-service.ts`,
 * `gateway.ts`, …, pieces several kinds share in `common-fields.ts`) after Istio's CRDs (istio/api
 * kubernetes/customresourcedefinitions.gen.yaml), walked by `check-spec.ts` and published by
 * `to-openapi.ts`.
 */

export type ScalarType = "string" | "integer" | "number" | "boolean";

export type FieldSchema =
  | { type: ScalarType; format?: "int32" | "int64" | "double" }
  | { type: "object"; properties: Record<string, FieldSchema> }
  | { type: "array"; items: FieldSchema }
  /** `additionalProperties`: any key, each value of one schema (labels, headers by name). */
  | { type: "map"; values: FieldSchema };

export const str: FieldSchema = { type: "string" };
export const bool: FieldSchema = { type: "boolean" };
/** int32 fields (`format: int32`): weight, attempts, httpStatus, connection-pool counts. */
export const int32: FieldSchema = { type: "integer", format: "int32" };
/** uint32 / uint64 fields carry no format in Istio's CRDs (ports, redirect codes, ring sizes). */
export const uint: FieldSchema = { type: "integer" };
/** Percentages and other doubles (`format: double`). */
export const double: FieldSchema = { type: "number", format: "double" };

export const obj = (properties: Record<string, FieldSchema>): FieldSchema => ({ type: "object", properties });
export const list = (items: FieldSchema): FieldSchema => ({ type: "array", items });
export const mapOf = (values: FieldSchema): FieldSchema => ({ type: "map", values });

export const strings = list(str);
export const stringMap = mapOf(str);
