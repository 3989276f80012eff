/**
 * What kube-apiserver checks before any webhook sees an Istio object: ObjectMeta
 * (`object-meta.ts`) and the spec against the CRD's structural schema (`check-spec.ts`), for
 * the kinds with a field table here. The simulator's admission and the console's write path
 * both call this, so they refuse the same objects with the same words.
 */
import { authorizationPolicySpecSchema } from "./authorization-policy";
import { checkSpec, type SpecCheck } from "./check-spec";
import { destinationRuleSpecSchema } from "./destination-rule";
import type { FieldSchema } from "./field-schema";
import { gatewaySpecSchema } from "./gateway";
import { peerAuthenticationSpecSchema } from "./peer-authentication";
import { requestAuthenticationSpecSchema } from "./request-authentication";
import { serviceEntrySpecSchema } from "./service-entry";
import { sidecarSpecSchema } from "./sidecar";
import { toOpenApiSchema, type OpenApiSchema } from "./to-openapi";
import { virtualServiceSpecSchema } from "./virtual-service";
import { workloadEntrySpecSchema } from "./workload-entry";
import { workloadGroupSpecSchema } from "./workload-group";

export { validateObjectMeta, qualifiedNameErrors, labelValueErrors } from "./object-meta";
export { invalidValue, toSlashPath, type FieldError, type FieldErrorReason } from "./field-error";
export type { SpecCheck } from "./check-spec";
export type { OpenApiSchema } from "./to-openapi";

/**
 * group/kind → the spec's field table, one row per kind of lib/istio/kinds.ts. A kind not
 * listed would keep whatever fields it is given.
 */
const SPEC_SCHEMAS: Record<string, FieldSchema> = {
  "networking.istio.io/VirtualService": virtualServiceSpecSchema,
  "networking.istio.io/DestinationRule": destinationRuleSpecSchema,
  "networking.istio.io/Gateway": gatewaySpecSchema,
  "networking.istio.io/ServiceEntry": serviceEntrySpecSchema,
  "networking.istio.io/Sidecar": sidecarSpecSchema,
  "networking.istio.io/WorkloadEntry": workloadEntrySpecSchema,
  "networking.istio.io/WorkloadGroup": workloadGroupSpecSchema,
  "security.istio.io/PeerAuthentication": peerAuthenticationSpecSchema,
  "security.istio.io/AuthorizationPolicy": authorizationPolicySpecSchema,
  "security.istio.io/RequestAuthentication": requestAuthenticationSpecSchema,
};

/** The spec checked against its kind's table, or undefined for a kind without one. */
export function checkSpecSchema(group: string, kind: string, spec: unknown): SpecCheck | undefined {
  const schema = SPEC_SCHEMAS[`${group}/${kind}`];
  if (!schema || spec === undefined || spec === null) return undefined;
  return checkSpec(schema, spec);
}

/** The spec's table as an OpenAPI schema object, for the simulator's /openapi/v2; undefined for a kind without one. */
export function specOpenApiSchema(group: string, kind: string): OpenApiSchema | undefined {
  const schema = SPEC_SCHEMAS[`${group}/${kind}`];
  return schema && toOpenApiSchema(schema);
}

/** One unknown field as the API server names it, in a strict decoding error and in a warning. */
export function unknownFieldMessage(path: string): string {
  return `unknown field ${JSON.stringify(path)}`;
}

/** runtime.NewStrictDecodingError, wrapped as the API server's decoder wraps it (400 BadRequest). */
export function strictDecodingMessage(kind: string, version: string, unknownFields: string[]): string {
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: strict decoding error: ${unknownFields.map(unknownFieldMessage).join(", ")}`;
}
