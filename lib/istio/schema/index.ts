/**
 * What kube-apiserver checks before any webhook sees an Istio object: ObjectMeta
 * (`object-meta.ts`) and the spec against the CRD's structural schema (`check-spec.ts`), for
 * the kinds with a field table here. The simulator's admission and the console's write path
 * both call this, so they refuse the same objects with the same words.
 */
import { checkSpec, type SpecCheck } from "./check-spec";
import { destinationRuleSpecSchema } from "./destination-rule";
import type { FieldSchema } from "./field-schema";
import { virtualServiceSpecSchema } from "./virtual-service";

export { validateObjectMeta, qualifiedNameErrors, labelValueErrors } from "./object-meta";
export { invalidValue, toSlashPath, type FieldError, type FieldErrorReason } from "./field-error";
export type { SpecCheck } from "./check-spec";

/** group/kind → the spec's field table. Kinds not listed keep whatever fields they are given. */
const SPEC_SCHEMAS: Record<string, FieldSchema> = {
  "networking.istio.io/VirtualService": virtualServiceSpecSchema,
  "networking.istio.io/DestinationRule": destinationRuleSpecSchema,
};

export function hasSpecSchema(group: string, kind: string): boolean {
  return Object.hasOwn(SPEC_SCHEMAS, `${group}/${kind}`);
}

/** The spec checked against its kind's table, or undefined for a kind without one. */
export function checkSpecSchema(group: string, kind: string, spec: unknown): SpecCheck | undefined {
  const schema = SPEC_SCHEMAS[`${group}/${kind}`];
  if (!schema || spec === undefined || spec === null) return undefined;
  return checkSpec(schema, spec);
}

/** One unknown field as the API server names it, in a strict decoding error and in a warning. */
export function unknownFieldMessage(path: string): string {
  return `unknown field ${JSON.stringify(path)}`;
}

/** runtime.NewStrictDecodingError, wrapped as the API server's decoder wraps it (400 BadRequest). */
export function strictDecodingMessage(kind: string, version: string, unknownFields: string[]): string {
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: strict decoding error: ${unknownFields.map(unknownFieldMessage).join(", ")}`;
}
