/**
 * GET /api/istio/validations?namespaces=a,b — what is wrong with the Istio config of those
 * namespaces, before Istio finds out. One entry per object; each check carries a stable code
 * (Kiali's KIA…, istioctl's IST…, Topsail's TOP…), a severity, a message and a path into the
 * object (`spec/http[0]/route[0]/destination`) so an editor can mark the line.
 */
import { z } from "zod";

export const checkSeveritySchema = z.enum(["error", "warning", "info"]);
export type CheckSeverity = z.infer<typeof checkSeveritySchema>;

export const validationCheckSchema = z.object({
  code: z.string(),
  severity: checkSeveritySchema,
  message: z.string(),
  path: z.string(),
});
export type ValidationCheck = z.infer<typeof validationCheckSchema>;

export const objectValidationSchema = z.object({
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** No check of severity "error"; warnings and infos leave an object valid, as in Kiali. */
  valid: z.boolean(),
  checks: z.array(validationCheckSchema),
});
export type ObjectValidation = z.infer<typeof objectValidationSchema>;

export const objectValidationListSchema = z.array(objectValidationSchema);
export type ObjectValidationList = z.infer<typeof objectValidationListSchema>;

/** A Kubernetes namespace name (RFC 1123 label). */
const namespaceName = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    "must be a namespace name (lowercase letters, digits and '-', at most 63)",
  );

/** `namespaces=a,b` → ["a", "b"]: at least one, duplicates dropped, order kept. */
export const validationsQuerySchema = z.object({
  namespaces: z
    .string({ error: "give the namespaces to check, e.g. ?namespaces=bookinfo,istio-system" })
    .transform((value) =>
      value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    )
    .pipe(z.array(namespaceName).min(1, "give at least one namespace"))
    .transform((list) => [...new Set(list)]),
});
export type ValidationsQuery = z.infer<typeof validationsQuerySchema>;
