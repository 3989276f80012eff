/**
 * The Mesh page: GET /api/mesh → the control plane (istiod's pods, version and revision, the mesh settings of its
 * `istio` ConfigMap, the root certificate's expiry), the ingress and egress gateways with their Services, istiod's
 * sidecar injector webhooks and the namespaces they inject, and every
 * proxy's xDS sync status from istiod's `/debug/syncz`, in `istioctl proxy-status -v 1`'s words.
 */
import { z } from "zod";
import { outboundTrafficModes } from "@/lib/istio/mesh-config";

/**
 * One xDS type of one proxy, as istioctl names it: ERROR (the proxy rejected the last push), NOT SENT (istiod never
 * sent it), SYNCED (acked what was sent), STALE (acked an older push, or never acked: `neverAcknowledged`),
 * IGNORED (the proxy does not subscribe to the type).
 */
export const xdsSyncStateSchema = z.enum(["SYNCED", "NOT SENT", "STALE", "ERROR", "IGNORED"]);
export type XdsSyncState = z.infer<typeof xdsSyncStateSchema>;

export const xdsTypeNames = ["CDS", "LDS", "EDS", "RDS", "ECDS"] as const;

export const xdsTypeStatusSchema = z.object({
  state: xdsSyncStateSchema,
  neverAcknowledged: z.boolean().optional(),
  lastError: z.string().optional(),
});
export type XdsTypeStatus = z.infer<typeof xdsTypeStatusSchema>;

export const proxySyncRowSchema = z.object({
  namespace: z.string(),
  pod: z.string(),
  proxyType: z.string(),
  clusterId: z.string(),
  istioVersion: z.string(),
  /** The istiod pod the proxy is connected to. */
  istiod: z.string(),
  types: z.object({
    CDS: xdsTypeStatusSchema,
    LDS: xdsTypeStatusSchema,
    EDS: xdsTypeStatusSchema,
    RDS: xdsTypeStatusSchema,
    ECDS: xdsTypeStatusSchema,
  }),
  /** SYNCED when every type it watches is; else the worst of its types. */
  overall: xdsSyncStateSchema,
});
export type ProxySyncRow = z.infer<typeof proxySyncRowSchema>;

export const istiodPodSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  ready: z.boolean(),
  /** From the discovery container's image tag (`docker.io/istio/pilot:1.24.2` → 1.24.2). */
  version: z.string(),
  /** The `istio.io/rev` label; `default` without one. */
  revision: z.string(),
  image: z.string(),
});
export type IstiodPod = z.infer<typeof istiodPodSchema>;

export const meshSettingsSchema = z.object({
  rootNamespace: z.string(),
  trustDomain: z.string(),
  /** ALLOW_ANY lets proxies reach hosts outside the registry; REGISTRY_ONLY refuses them (502 BlackHoleCluster). */
  outboundTrafficPolicy: z.enum(outboundTrafficModes),
  enableAutoMtls: z.boolean(),
  /** Whether the `istio` ConfigMap exists: without it every setting is Istio's default. */
  fromConfigMap: z.boolean(),
  /** Why the ConfigMap's `mesh` could not be read, when it could not. */
  problem: z.string().optional(),
});
export type MeshSettingsView = z.infer<typeof meshSettingsSchema>;

export const rootCertificateSchema = z.object({
  subject: z.string(),
  notAfter: z.string(),
  /** Whole days until notAfter (negative once expired). */
  daysLeft: z.number(),
});

export const gatewayServiceSchema = z.object({
  name: z.string(),
  type: z.string(),
  /** LoadBalancer ingress IPs or hostnames and external IPs; empty while pending or for ClusterIP. */
  externalAddresses: z.array(z.string()),
  ports: z.array(z.object({ name: z.string().optional(), port: z.number() })),
});

export const meshGatewaySchema = z.object({
  kind: z.enum(["ingress", "egress"]),
  namespace: z.string(),
  /** The workload (the Deployment for its pods). */
  name: z.string(),
  pods: z.array(z.object({ name: z.string(), ready: z.boolean() })),
  services: z.array(gatewayServiceSchema),
});
export type MeshGateway = z.infer<typeof meshGatewaySchema>;

/** The CA a webhook's caBundle holds: what the API server trusts istiod's serving certificate with. */
export const webhookCaBundleSchema = z.union([
  z.object({ subject: z.string(), notAfter: z.string(), daysLeft: z.number() }),
  z.object({ problem: z.string() }),
]);

/** One webhook of istiod's sidecar injector (a MutatingWebhookConfiguration's entry). */
export const injectorWebhookSchema = z.object({
  /** The MutatingWebhookConfiguration, e.g. `istio-sidecar-injector`. */
  configuration: z.string(),
  /** e.g. `namespace.sidecar-injector.istio.io`. */
  name: z.string(),
  /** The configuration's `istio.io/rev` label; `default` without one. */
  revision: z.string(),
  /** `istiod.istio-system:443/inject`, or the URL it calls. */
  service: z.string(),
  /** Fail: a pod cannot be created while istiod does not answer; Ignore: it is created without a sidecar. */
  failurePolicy: z.enum(["Fail", "Ignore"]),
  caBundle: webhookCaBundleSchema,
  namespaceSelector: z.string(),
  objectSelector: z.string(),
  /** The namespaces whose labels its namespaceSelector matches. */
  namespaces: z.array(z.string()),
  /** Its objectSelector matches a pod without labels: every pod of those namespaces is injected, not only opted-in. */
  injectsEveryPod: z.boolean(),
});
export type InjectorWebhook = z.infer<typeof injectorWebhookSchema>;

/** A namespace labelled so that every pod is injected, with the pods that still run without a sidecar. */
export const injectedNamespaceSchema = z.object({
  namespace: z.string(),
  /** The webhook that selects it, and its revision. */
  webhook: z.string(),
  revision: z.string(),
  /** Pods its webhook selects that have no istio-proxy: created before the label, or while the injector was away. */
  podsWithoutSidecar: z.array(z.string()),
});
export type InjectedNamespace = z.infer<typeof injectedNamespaceSchema>;

export const sidecarInjectorSchema = z.object({
  webhooks: z.array(injectorWebhookSchema),
  namespaces: z.array(injectedNamespaceSchema),
  /** forbidden: the console may not read MutatingWebhookConfigurations; unavailable: reading them failed. */
  problem: z.object({ code: z.enum(["forbidden", "unavailable"]), message: z.string() }).optional(),
});
export type SidecarInjectorView = z.infer<typeof sidecarInjectorSchema>;

export const meshViewSchema = z.object({
  controlPlane: z.object({
    istiod: z.array(istiodPodSchema),
    settings: meshSettingsSchema,
    rootCertificate: rootCertificateSchema.optional(),
  }),
  gateways: z.array(meshGatewaySchema),
  sidecarInjector: sidecarInjectorSchema,
  proxies: z.array(proxySyncRowSchema),
  /** Why proxy sync status is missing (istiod not found or not answering); the rest of the page still shows. */
  syncError: z.string().optional(),
});
export type MeshView = z.infer<typeof meshViewSchema>;
