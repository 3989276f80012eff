/**
 * The contract between the simulator's API server and its admission chain (Istio's
 * validating webhook and the sidecar-injecting mutating webhook, as istiod provides them).
 */
import type { KubeObject } from "../store/types";

export type AdmissionOperation = "CREATE" | "UPDATE" | "DELETE";

/**
 * The `fieldValidation` query parameter: what the API server does with fields the schema does
 * not declare — Strict refuses the write, Warn (the default) and Ignore drop them, Warn saying so.
 */
export const FIELD_VALIDATIONS = ["Ignore", "Warn", "Strict"] as const;
export type FieldValidation = (typeof FIELD_VALIDATIONS)[number];

export interface AdmissionRequest {
  operation: AdmissionOperation;
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespace?: string;
  object: KubeObject;
  oldObject?: KubeObject;
  /** Absent for the simulator's own writes: Warn, as the API server defaults it. */
  fieldValidation?: FieldValidation;
  /** Reads another object (e.g. the pod's Namespace for its istio-injection label). */
  lookup: (group: string, resource: string, namespace: string | undefined, name: string) => KubeObject | undefined;
}

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export type AdmissionResult =
  | { allowed: true; object: KubeObject; warnings: string[] }
  | {
      allowed: false;
      /** 400 BadRequest for a webhook denial (Istio validation), 422 Invalid for schema failures. */
      code: 400 | 422;
      reason: "BadRequest" | "Invalid";
      message: string;
      causes?: StatusCause[];
    };
