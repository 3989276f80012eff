/**
 * kube-apiserver's field errors (apimachinery `field.Error`): a field path, a reason and the
 * body `Invalid value: "<bad value>": <detail>`. Shaped like a Status cause, so the simulator
 * returns them as they are and the console shows the same words.
 */
import { goQ } from "../validation/go-format";

export type FieldErrorReason = "FieldValueInvalid" | "FieldValueTypeInvalid";

export interface FieldError {
  reason: FieldErrorReason;
  /** `spec.http[0].route[0].weight`, `metadata.labels` */
  field: string;
  message: string;
}

/** field.Error.ErrorBody: strings quoted as Go's %q, numbers and booleans as %v. */
export function invalidValue(
  field: string,
  badValue: string | number | boolean,
  detail: string,
  reason: FieldErrorReason = "FieldValueInvalid",
): FieldError {
  const value = typeof badValue === "string" ? goQ(badValue) : String(badValue);
  return { reason, field, message: `Invalid value: ${value}: ${detail}` };
}

/** `spec.http[0].route[0].weight` → `spec/http[0]/route[0]/weight`, the console's path form. */
export function toSlashPath(field: string): string {
  return field.replaceAll(".", "/");
}
