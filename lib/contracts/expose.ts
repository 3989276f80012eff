/**
 * The "Expose this service" wizard: a Gateway on the ingress gateway (`istio: ingressgateway`)
 * for one host — port 80 HTTP, or 443 HTTPS SIMPLE with an existing credential Secret of the
 * ingress pods' namespace — and a VirtualService binding that host to the service.
 *   POST /api/expose/{namespace}/{service}/preview → ExposePreview
 *   POST /api/expose/{namespace}/{service}         → WizardApplied
 */
import { z } from "zod";
import { secretFactsSchema } from "./gateways";
import { wizardAppliedSchema, wizardPreviewSchema } from "./traffic";
import { validationCheckSchema } from "./validations";

/** A DNS name as a Gateway host takes it, optionally `*.`-prefixed; lowercase. */
export const exposeHostSchema = z
  .string()
  .trim()
  .max(253, "must be at most 253 characters")
  .regex(
    /^(\*\.)?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    "must be a host name such as httpbin.example.com (lowercase, with a dot; *.example.com for a wildcard)",
  );

const secretNameSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(253, "must be at most 253 characters")
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a Secret name (lowercase letters, digits, '-' and '.')");

// Predicates, as the traffic contract's: the form puts the field's name in front (components/traffic/form-errors.ts).
const servicePortSchema = z
  .number()
  .int("must be a port from 1 to 65535")
  .min(1, "must be a port from 1 to 65535")
  .max(65535, "must be a port from 1 to 65535");

export const exposeInputSchema = z.discriminatedUnion("protocol", [
  z.object({ protocol: z.literal("HTTP"), host: exposeHostSchema, servicePort: servicePortSchema }),
  z.object({
    protocol: z.literal("HTTPS"),
    host: exposeHostSchema,
    servicePort: servicePortSchema,
    credentialName: secretNameSchema,
  }),
]);
export type ExposeInput = z.infer<typeof exposeInputSchema>;

export const exposeRequestSchema = z.object({
  input: exposeInputSchema,
  comment: z.string().max(500, "at most 500 characters").optional(),
});
export type ExposeRequest = z.infer<typeof exposeRequestSchema>;

export const exposePreviewSchema = wizardPreviewSchema.extend({
  /** HTTPS: the credential Secret in each ingress pod namespace, as facts (never its contents). */
  credentials: z.array(secretFactsSchema),
  /** The Gateway's credential checks (TOP03xx), which the shared validation cannot make. */
  credentialChecks: z.array(validationCheckSchema),
});
export type ExposePreview = z.infer<typeof exposePreviewSchema>;

export const exposeAppliedSchema = wizardAppliedSchema;
