/**
 * Applications, workloads and services: the lists (GET /api/namespaces/NS/{kind}) and the
 * detail pages (GET /api/namespaces/NS/{kind}/NAME), with health decided from Kiali's
 * default thresholds and the Istio config that refers to each item.
 */
import { z } from "zod";
import { healthStatusSchema } from "./graph";

export const inventoryKinds = ["applications", "workloads", "services"] as const;
export const inventoryKindSchema = z.enum(inventoryKinds);
export type InventoryKind = z.infer<typeof inventoryKindSchema>;

/** A Kubernetes object name (RFC 1123 subdomain), as the URL carries it. */
export const objectNameSchema = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/,
    "must be a Kubernetes object name (lowercase letters, digits, '-' and '.')",
  );

export const namespaceNameSchema = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    "must be a namespace name (lowercase letters, digits and '-', at most 63)",
  );

export const healthSchema = z.object({
  status: healthStatusSchema,
  /** Why a status is not healthy, e.g. "5xx 12.0% (degraded > 0%, failure ≥ 10%)". */
  reasons: z.array(z.string()),
  /** Inbound requests/s and their error share (%) over the health window; absent without traffic. */
  requests: z.object({ rate: z.number(), errorPct: z.number() }).optional(),
  replicas: z.object({ desired: z.number(), available: z.number() }).optional(),
});
export type Health = z.infer<typeof healthSchema>;

/** An Istio object that refers to the item, with its validation state. */
export const configRefSchema = z.object({
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  valid: z.boolean(),
  errors: z.number(),
  warnings: z.number(),
  messages: z.array(
    z.object({
      severity: z.enum(["error", "warning", "info"]),
      code: z.string(),
      message: z.string(),
      path: z.string(),
    }),
  ),
});
export type ConfigRef = z.infer<typeof configRefSchema>;

const labels = z.record(z.string(), z.string());

export const workloadItemSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  kind: z.string(),
  app: z.string(),
  version: z.string(),
  labels,
  desiredReplicas: z.number(),
  availableReplicas: z.number(),
  pods: z.number(),
  /** Live pods with no sidecar that should have one. */
  podsWithoutSidecar: z.number(),
  /** Live pods with no sidecar that opt out of injection (`sidecar.istio.io/inject: "false"`): out on purpose. */
  podsOutOfMesh: z.number(),
  /** The pod template's `sidecar.istio.io/inject` annotation, when set. */
  injectAnnotation: z.string().optional(),
  services: z.array(z.string()),
  health: healthSchema,
  config: z.array(configRefSchema),
});
export type WorkloadItem = z.infer<typeof workloadItemSchema>;

export const servicePortSchema = z.object({
  name: z.string().optional(),
  port: z.number(),
  protocol: z.string(),
  targetPort: z.string().optional(),
  appProtocol: z.string().optional(),
});

export const serviceItemSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  labels,
  selector: labels,
  ports: z.array(servicePortSchema),
  versions: z.array(z.string()),
  workloads: z.array(z.string()),
  podsWithoutSidecar: z.number(),
  podsOutOfMesh: z.number(),
  health: healthSchema,
  config: z.array(configRefSchema),
});
export type ServiceItem = z.infer<typeof serviceItemSchema>;

export const applicationItemSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  labels,
  versions: z.array(z.string()),
  workloads: z.array(z.string()),
  services: z.array(z.string()),
  podsWithoutSidecar: z.number(),
  podsOutOfMesh: z.number(),
  health: healthSchema,
  config: z.array(configRefSchema),
});
export type ApplicationItem = z.infer<typeof applicationItemSchema>;

/** `metricsError`: Prometheus did not answer, so health is judged on replicas alone. */
const list = { namespace: z.string(), metricsError: z.string().optional() };
export const workloadListSchema = z.object({ ...list, items: z.array(workloadItemSchema) });
export const serviceListSchema = z.object({ ...list, items: z.array(serviceItemSchema) });
export const applicationListSchema = z.object({ ...list, items: z.array(applicationItemSchema) });
export type WorkloadList = z.infer<typeof workloadListSchema>;
export type ServiceList = z.infer<typeof serviceListSchema>;
export type ApplicationList = z.infer<typeof applicationListSchema>;

export const containerSchema = z.object({
  name: z.string(),
  image: z.string(),
  ready: z.boolean(),
  restarts: z.number(),
  sidecar: z.boolean(),
});
export const podSchema = z.object({
  name: z.string(),
  workload: z.string(),
  phase: z.string(),
  ready: z.boolean(),
  hasSidecar: z.boolean(),
  /** `sidecar.istio.io/inject: "false"` on the pod: no sidecar on purpose. */
  optsOutOfInjection: z.boolean(),
  createdAt: z.string().optional(),
  labels,
  containers: z.array(containerSchema),
});
export type PodInfo = z.infer<typeof podSchema>;

/** A DestinationRule subset of the item's service(s), and the workloads it selects. */
export const subsetSchema = z.object({
  destinationRule: z.string(),
  host: z.string(),
  name: z.string(),
  labels,
  workloads: z.array(z.string()),
});
export type SubsetInfo = z.infer<typeof subsetSchema>;

const detailParts = {
  metricsError: z.string().optional(),
  pods: z.array(podSchema),
  subsets: z.array(subsetSchema),
  /** The Namespace's injection label state, for the sidecar toggle's wording. */
  namespaceInjection: z.enum(["enabled", "disabled", "unset"]),
};

export const workloadDetailSchema = z.object({
  item: workloadItemSchema,
  /** For the injection toggle's precondition. */
  resourceVersion: z.string().optional(),
  ...detailParts,
});
export type WorkloadDetail = z.infer<typeof workloadDetailSchema>;

export const serviceDetailSchema = z.object({
  item: serviceItemSchema,
  workloadItems: z.array(workloadItemSchema),
  ...detailParts,
});
export type ServiceDetail = z.infer<typeof serviceDetailSchema>;

export const applicationDetailSchema = z.object({
  item: applicationItemSchema,
  workloadItems: z.array(workloadItemSchema),
  serviceItems: z.array(serviceItemSchema),
  ...detailParts,
});
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;

/** One peer of the traffic tab: who talks to the item (inbound) or whom it calls (outbound). */
export const trafficPeerSchema = z.object({
  namespace: z.string(),
  /** Workload (inbound) or service (outbound); "unknown" when the peer is outside the mesh. */
  name: z.string(),
  app: z.string(),
  version: z.string(),
  /** The workload that served an outbound call, when known. */
  workload: z.string().optional(),
  protocol: z.enum(["http", "grpc", "tcp"]),
  /** Requests/s, or bytes/s for TCP. */
  rate: z.number(),
  errorPct: z.number().optional(),
  p95Ms: z.number().optional(),
});
export type TrafficPeer = z.infer<typeof trafficPeerSchema>;

export const trafficSchema = z.object({
  windowSeconds: z.number(),
  inbound: z.array(trafficPeerSchema),
  outbound: z.array(trafficPeerSchema),
});
export type Traffic = z.infer<typeof trafficSchema>;

export const windowQuerySchema = z.object({
  duration: z.coerce.number().int().min(60).max(86_400).default(300),
});

/** PATCH bodies of the sidecar toggles: `enabled` null removes the label/annotation. */
export const injectionChangeSchema = z.object({
  enabled: z.boolean().nullable(),
  /** The object's resourceVersion as the user saw it: a newer one is a 409, never overwritten. */
  resourceVersion: z.string().min(1),
});
export type InjectionChange = z.infer<typeof injectionChangeSchema>;

export const injectionResultSchema = z.object({
  kind: z.enum(["Namespace", "Deployment"]),
  namespace: z.string(),
  name: z.string(),
  resourceVersion: z.string(),
  auditId: z.string(),
});
export type InjectionResult = z.infer<typeof injectionResultSchema>;

/** The path parameters of /api/namespaces/NS/{kind}/NAME/… */
export const namespacePathSchema = z.object({ namespace: namespaceNameSchema });
export const listPathSchema = z.object({ namespace: namespaceNameSchema, kind: inventoryKindSchema });
export const itemPathSchema = z.object({
  namespace: namespaceNameSchema,
  kind: inventoryKindSchema,
  name: objectNameSchema,
});
