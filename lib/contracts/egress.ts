/**
 * GET /api/egress?namespaces=a,b: what governs traffic leaving the mesh, for the Egress page —
 * the mesh's outbound traffic policy, the ServiceEntries that register outside hosts, the
 * routes of the egress gateway (VirtualServices bound to Gateways that egress gateway pods
 * serve) and the DestinationRules that originate TLS.
 */
import { z } from "zod";
import { outboundTrafficModes } from "@/lib/istio/mesh-config";

export { validationsQuerySchema as egressQuerySchema } from "./validations";

const objectRefSchema = z.object({ namespace: z.string(), name: z.string() });

export const outboundPolicySchema = z.object({
  mode: z.enum(outboundTrafficModes),
  /** false: no `istio` ConfigMap, Istio's default (ALLOW_ANY) applies. */
  fromConfigMap: z.boolean(),
  /** The ConfigMap's mesh did not parse; the default applies. */
  problem: z.string().optional(),
});
export type OutboundPolicyView = z.infer<typeof outboundPolicySchema>;

export const serviceEntryRowSchema = objectRefSchema.extend({
  hosts: z.array(z.string()),
  addresses: z.array(z.string()),
  ports: z.array(
    z.object({ number: z.number(), protocol: z.string(), name: z.string(), targetPort: z.number().optional() }),
  ),
  /** Istio's defaults shown as such: NONE, MESH_EXTERNAL. */
  resolution: z.string(),
  location: z.string(),
  /** `["*"]` when absent (visible to every namespace). */
  exportTo: z.array(z.string()),
  endpoints: z.array(z.object({ address: z.string(), ports: z.record(z.string(), z.number()) })),
  /** Some port carries TLS from the app (protocol TLS or HTTPS): sidecars route it by SNI. */
  routesBySni: z.boolean(),
});
export type ServiceEntryRow = z.infer<typeof serviceEntryRowSchema>;

export const egressRouteSchema = z.object({
  virtualService: objectRefSchema,
  gateway: objectRefSchema,
  /** The egress gateway workloads the Gateway's selector picks (`namespace/workload`). */
  gatewayWorkloads: z.array(z.string()),
  /** The Gateway server the route is reached through. */
  server: z.object({ port: z.number().optional(), protocol: z.string(), tlsMode: z.string().optional() }),
  kind: z.enum(["http", "tls", "tcp"]),
  hosts: z.array(z.string()),
  /** What the rule matches (`port 80`, `sni edition.cnn.com`); empty = everything bound. */
  match: z.array(z.string()),
  destinations: z.array(
    z.object({
      host: z.string(),
      subset: z.string().optional(),
      port: z.number().optional(),
      weight: z.number().optional(),
    }),
  ),
});
export type EgressRoute = z.infer<typeof egressRouteSchema>;

export const tlsOriginationSchema = objectRefSchema.extend({
  host: z.string(),
  /** Where in the rule: the whole traffic policy, a port, a subset, or a subset's port. */
  scope: z.object({ port: z.number().optional(), subset: z.string().optional() }),
  mode: z.enum(["SIMPLE", "MUTUAL"]),
  sni: z.string().optional(),
  /** How the server's certificate is checked (server/egress/tls-origination.ts says what each means). */
  verification: z.enum(["caCertificates", "credentialName", "systemRoots", "skipped"]),
  caCertificates: z.string().optional(),
  credentialName: z.string().optional(),
  subjectAltNames: z.array(z.string()),
  /** The host is declared by a ServiceEntry (an outside host), as TLS origination is meant for. */
  declaredByServiceEntry: z.boolean(),
});
export type TlsOrigination = z.infer<typeof tlsOriginationSchema>;

export const egressViewSchema = z.object({
  outboundPolicy: outboundPolicySchema,
  serviceEntries: z.array(serviceEntryRowSchema),
  gatewayRoutes: z.array(egressRouteSchema),
  tlsOrigination: z.array(tlsOriginationSchema),
});
export type EgressView = z.infer<typeof egressViewSchema>;
