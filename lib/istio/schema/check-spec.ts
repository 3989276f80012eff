/**
 * A spec against its structural schema, as kube-apiserver checks a custom resource:
 * - the type of every declared field, by kube-openapi's type validator
 *   (k8s.io/kube-openapi pkg/validation/validate/type.go), whose wording the API server relays
 *   as `spec.x: Invalid value: "string": spec.x in body must be of type integer: "string"`;
 * - the fields the schema does not declare: refused with fieldValidation=Strict, otherwise
 *   dropped (pruned) with a warning, so what is stored is what the schema declares.
 */
import type { FieldSchema } from "./field-schema";
import { invalidValue, type FieldError } from "./field-error";

export interface SpecCheck {
  errors: FieldError[];
  /** Paths of undeclared fields, `spec.http[0].foo`. */
  unknownFields: string[];
  /** The spec without its undeclared fields. */
  pruned: unknown;
}

/** swag.IsFloat64AJSONInteger's bound: beyond 2^53 a JSON number is no longer an integer. */
const MAX_JSON_INTEGER = 2 ** 53;

/**
 * The (type, format) Go sees after decoding JSON: an integer literal becomes an int64, anything
 * else a float64. 1e20 and 50.5 are float64s; JavaScript cannot tell 1e20 from the literal
 * 100000000000000000000, but Go cannot hold that in an int64 either, so both are float64.
 */
function goTypeOf(value: unknown): { type: string; format: string } {
  if (typeof value === "string") return { type: "string", format: "" };
  if (typeof value === "boolean") return { type: "boolean", format: "" };
  if (typeof value === "number") {
    return Number.isInteger(value) && Math.abs(value) <= MAX_JSON_INTEGER
      ? { type: "integer", format: "int64" }
      : { type: "number", format: "float64" };
  }
  if (Array.isArray(value)) return { type: "array", format: "" };
  return { type: "object", format: "" };
}

function typeInvalid(path: string, typeName: string, found: string): FieldError {
  return invalidValue(
    path,
    found,
    `${path} in body must be of type ${typeName}: ${JSON.stringify(found)}`,
    "FieldValueTypeInvalid",
  );
}

/**
 * kube-openapi's typeValidator.Validate, branch for branch (its quirks
 * included: 50.5 for an int32 is "must be of type int32: \"float64\"").
 */
function checkType(schema: FieldSchema, value: unknown, path: string): FieldError | undefined {
  const expected = schema.type === "map" ? "object" : schema.type;
  const format = "format" in schema ? (schema.format ?? "") : "";
  const got = goTypeOf(value);
  const isIntFloat = got.type === "integer" && expected === "number";
  const stringOrSlice = got.type === "string" || got.type === "array";
  // kube-openapi also lets an int32 pass for int64 and a float32 for float64; decoded JSON is
  // only ever int64 or float64, so those two cases cannot arise here.
  if (!stringOrSlice && format !== "" && !(expected === got.type || got.format === format || isIntFloat))
    return typeInvalid(path, format, got.format);
  if (expected !== "number" && expected !== "integer" && format !== "" && stringOrSlice) return undefined;
  if (!(expected === got.type || isIntFloat)) return typeInvalid(path, expected, got.type);
  return undefined;
}

type Walk = (schema: never, value: never, path: string, out: SpecCheck) => unknown;

const WALKERS: Record<FieldSchema["type"], Walk> = {
  string: (_s, value: unknown) => value,
  integer: (_s, value: unknown) => value,
  number: (_s, value: unknown) => value,
  boolean: (_s, value: unknown) => value,
  object: (schema: Extract<FieldSchema, { type: "object" }>, value: Record<string, unknown>, path, out) => {
    const kept: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const childSchema = schema.properties[key];
      if (!childSchema) out.unknownFields.push(`${path}.${key}`);
      else kept[key] = walk(childSchema, child, `${path}.${key}`, out);
    }
    return kept;
  },
  array: (schema: Extract<FieldSchema, { type: "array" }>, value: unknown[], path, out) =>
    value.map((item, i) => walk(schema.items, item, `${path}[${i}]`, out)),
  map: (schema: Extract<FieldSchema, { type: "map" }>, value: Record<string, unknown>, path, out) =>
    Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, walk(schema.values, child, `${path}.${key}`, out)]),
    ),
};

function walk(schema: FieldSchema, value: unknown, path: string, out: SpecCheck): unknown {
  // A null is dropped before validation for fields that are not nullable, as the API server does.
  if (value === null || value === undefined) return value;
  const error = checkType(schema, value, path);
  if (error) {
    out.errors.push(error);
    return value;
  }
  return WALKERS[schema.type](schema as never, value as never, path, out);
}

export function checkSpec(schema: FieldSchema, spec: unknown, path = "spec"): SpecCheck {
  const out: SpecCheck = { errors: [], unknownFields: [], pruned: undefined };
  out.pruned = walk(schema, spec, path, out);
  return out;
}
