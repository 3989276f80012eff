/**
 * The admission chain: decoding (unknown fields: 400 under Strict, else pruned) → defaulting →
 * sidecar injection (pod CREATE) → schema checks (422) → Istio validation (400). Pure apart
 * from `request.lookup`; the store calls it on every write.
 */
import type { KubeObject } from "../store/types";
import { applyDefaults } from "./defaulting";
import { runIstioValidation } from "./istio-webhook";
import { checkSchema, decodeSpecFields, invalidMessage } from "./schema-checks";
import { maybeInjectSidecar } from "./sidecar-injection";
import type { AdmissionRequest, AdmissionResult } from "./types";

/** A Service update that omits clusterIP keeps the one it has, as the real registry does. */
function keepAllocatedFields(request: AdmissionRequest, object: KubeObject): KubeObject {
  if (request.operation !== "UPDATE" || request.group !== "" || request.kind !== "Service" || !request.oldObject)
    return object;
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  const oldSpec = (request.oldObject.spec ?? {}) as Record<string, unknown>;
  if (spec.clusterIP !== undefined || oldSpec.clusterIP === undefined) return object;
  return { ...object, spec: { ...spec, clusterIP: oldSpec.clusterIP, clusterIPs: oldSpec.clusterIPs } };
}

export function admit(request: AdmissionRequest): AdmissionResult {
  if (request.operation === "DELETE") return { allowed: true, object: request.object, warnings: [] };

  const decoded = decodeSpecFields(request, request.object);
  if ("strictError" in decoded)
    return { allowed: false, code: 400, reason: "BadRequest", message: decoded.strictError };
  let object = keepAllocatedFields(request, decoded.object);
  object = applyDefaults(request.group, request.kind, object);
  if (request.operation === "CREATE" && request.group === "" && request.kind === "Pod")
    object = maybeInjectSidecar(request, object);

  const causes = checkSchema(request.group, request.kind, object);
  if (causes.length > 0) {
    return {
      allowed: false,
      code: 422,
      reason: "Invalid",
      message: invalidMessage(request.group, request.kind, object.metadata?.name ?? "", causes),
      causes,
    };
  }

  const verdict = runIstioValidation(request.group, request.kind, object);
  if (verdict.denial) return { allowed: false, code: 400, reason: "BadRequest", message: verdict.denial };
  return { allowed: true, object, warnings: [...decoded.warnings, ...verdict.warnings] };
}

export type { AdmissionRequest, AdmissionResult } from "./types";
