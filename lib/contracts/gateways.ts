/**
 * GET /api/gateways?namespaces=a,b and GET /api/gateways/{namespace}/{name}: every Istio
 * Gateway with its servers, the gateway workloads its selector picks, the VirtualServices
 * bound to each host and, for TLS servers, what Topsail learnt of the credential Secret.
 *
 * Secret contents never travel: only facts derived from them on the server (key names, a
 * certificate's subject, names and dates).
 */
import { z } from "zod";
import { validationCheckSchema } from "./validations";

export const certificateFactsSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  /** DNS names of the subjectAltName extension; the subject's CN only counts when there are none. */
  dnsNames: z.array(z.string()),
  commonName: z.string().nullable(),
  notBefore: z.string(),
  notAfter: z.string(),
});
export type CertificateFacts = z.infer<typeof certificateFactsSchema>;

/** A Secret as the gateway would load it (server/gateways/secret-facts.ts). */
export const secretFactsSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("missing"), namespace: z.string(), name: z.string() }),
  /** The viewer may not read it: `message` names the permission. */
  z.object({ state: z.literal("forbidden"), namespace: z.string(), name: z.string(), message: z.string() }),
  z.object({
    state: z.literal("found"),
    namespace: z.string(),
    name: z.string(),
    /** The names of the keys of `data` (never their values). */
    keys: z.array(z.string()),
    /** `cert` or `tls.crt`, whichever Istio takes (cert+key first); null when neither pair is complete. */
    certificateKey: z.string().nullable(),
    certificate: certificateFactsSchema.nullable(),
    /** Why the certificate could not be read, when it could not. */
    certificateError: z.string().nullable(),
    /** `cacert` or `ca.crt` when the Secret also carries a CA bundle. */
    caKey: z.string().nullable(),
  }),
]);
export type SecretFacts = z.infer<typeof secretFactsSchema>;

export const gatewayWorkloadSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  pods: z.array(z.object({ name: z.string(), phase: z.string() })),
});
export type GatewayWorkload = z.infer<typeof gatewayWorkloadSchema>;

export const boundVirtualServiceSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  /** The VirtualService's hosts that this server host accepts (wildcards on either side). */
  hosts: z.array(z.string()),
});
export type BoundVirtualService = z.infer<typeof boundVirtualServiceSchema>;

export const gatewayServerViewSchema = z.object({
  index: z.number(),
  name: z.string().nullable(),
  port: z.object({ number: z.number().nullable(), name: z.string().nullable(), protocol: z.string().nullable() }),
  tlsMode: z.string().nullable(),
  credentialName: z.string().nullable(),
  hosts: z.array(z.object({ host: z.string(), virtualServices: z.array(boundVirtualServiceSchema) })),
  /** The credential Secret in each gateway workload's namespace (TLS servers with a credentialName). */
  credentials: z.array(secretFactsSchema),
  /** The `<credentialName>-cacert` Secrets looked up for MUTUAL servers. */
  caSecrets: z.array(secretFactsSchema),
});
export type GatewayServerView = z.infer<typeof gatewayServerViewSchema>;

export const gatewaySummarySchema = z.object({
  namespace: z.string(),
  name: z.string(),
  selector: z.record(z.string(), z.string()),
  ports: z.array(z.string()),
  hosts: z.array(z.string()),
  tlsModes: z.array(z.string()),
  workloads: z.array(z.object({ namespace: z.string(), name: z.string() })),
  errors: z.number(),
  warnings: z.number(),
});
export type GatewaySummary = z.infer<typeof gatewaySummarySchema>;
export const gatewayListSchema = z.array(gatewaySummarySchema);

export const gatewayDetailSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  selector: z.record(z.string(), z.string()),
  servers: z.array(gatewayServerViewSchema),
  workloads: z.array(gatewayWorkloadSchema),
  /** Every check of the Gateway, credential checks (TOP03xx) included. */
  checks: z.array(validationCheckSchema),
  /** When the Secrets were read: what "expires in N days" counts from. */
  checkedAt: z.string().nullable(),
});
export type GatewayDetail = z.infer<typeof gatewayDetailSchema>;

/** GET /api/gateways?namespaces=a,b — the Gateways of those namespaces. */
export { validationsQuerySchema as gatewayListQuerySchema } from "./validations";

/** GET /api/gateways/{namespace}/{name}. */
export const gatewayRefSchema = z.object({
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a namespace name"),
  name: z
    .string()
    .min(1)
    .max(253)
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a Kubernetes object name"),
});
export type GatewayRef = z.infer<typeof gatewayRefSchema>;
