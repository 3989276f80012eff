/**
 * What kube-apiserver refuses before istiod's webhook sees the object (lib/istio/schema, the
 * same checks the simulator's admission runs): ObjectMeta and the types of the CRD's declared
 * fields are TOP0004, with the API server's words; every field the CRD does not declare is
 * TOP0005. kubectl's default `--validate=strict` makes the API server refuse those, and a
 * console write would otherwise have them silently dropped, so the console refuses them too.
 */
import "server-only";
import { findIstioKind } from "@/lib/istio/kinds";
import {
  checkSpecSchema,
  toSlashPath,
  unknownFieldMessage,
  validateObjectMeta,
  type FieldError,
} from "@/lib/istio/schema";
import { buildCheck } from "../../codes";
import type { Rule, ValidatableObject, ValidationCheck } from "../../types";

const asCheck = (error: FieldError): ValidationCheck =>
  buildCheck("TOP0004", toSlashPath(error.field), { message: `${error.field}: ${error.message}` });

export const checkApiServerSchema: Rule<ValidatableObject> = (object) => {
  const group = findIstioKind(object.kind)?.group ?? "";
  const spec = checkSpecSchema(group, object.kind, object.spec);
  return [
    ...validateObjectMeta(object.metadata).map(asCheck),
    ...(spec?.errors ?? []).map(asCheck),
    ...(spec?.unknownFields ?? []).map((field) =>
      buildCheck("TOP0005", toSlashPath(field), { message: unknownFieldMessage(field) }),
    ),
  ];
};
