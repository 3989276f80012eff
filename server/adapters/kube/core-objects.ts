/**
 * The fields Topsail reads of the core objects the cluster cache holds (Namespace, Pod,
 * Service, Deployment, ConfigMap, MutatingWebhookConfiguration), checked once per observed version: the cache holds the
 * API's JSON, and this is where it becomes typed. Only what some page or rule reads is
 * declared; everything else of the object is ignored. An object that does not fit (which a
 * real API server never sends) is left out rather than failing the whole read.
 */
import "server-only";
import { z } from "zod";
import type { ObservedObject } from "./watch-objects";

const stringMap = z.record(z.string(), z.string());

const metadata = z.object({
  name: z.string(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  creationTimestamp: z.string().optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  ownerReferences: z
    .array(z.object({ kind: z.string(), name: z.string(), controller: z.boolean().optional() }))
    .optional(),
});

const container = z.object({ name: z.string(), image: z.string().optional() });
const containerStatus = z.object({
  name: z.string(),
  ready: z.boolean().optional(),
  restartCount: z.number().optional(),
});

export const podSchema = z.object({
  metadata,
  spec: z
    .object({
      containers: z.array(container).optional(),
      initContainers: z.array(container).optional(),
      /** The identity a pod's proxy presents (principal `<trust domain>/ns/<ns>/sa/<name>`). */
      serviceAccountName: z.string().optional(),
      serviceAccount: z.string().optional(),
    })
    .optional(),
  status: z
    .object({
      phase: z.string().optional(),
      /** Matched against the addresses in access-log lines (server/logs). */
      podIP: z.string().optional(),
      conditions: z.array(z.object({ type: z.string(), status: z.string() })).optional(),
      containerStatuses: z.array(containerStatus).optional(),
      initContainerStatuses: z.array(containerStatus).optional(),
    })
    .optional(),
});

export const serviceSchema = z.object({
  metadata,
  spec: z
    .object({
      /** The Mesh page's gateways: how they are reached from outside the cluster. */
      type: z.string().optional(),
      externalIPs: z.array(z.string()).optional(),
      selector: stringMap.optional(),
      ports: z
        .array(
          z.object({
            name: z.string().optional(),
            port: z.number(),
            protocol: z.string().optional(),
            targetPort: z.union([z.number(), z.string()]).optional(),
            appProtocol: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  status: z
    .object({
      loadBalancer: z
        .object({
          ingress: z.array(z.object({ ip: z.string().optional(), hostname: z.string().optional() })).optional(),
        })
        .optional(),
    })
    .optional(),
});

export const deploymentSchema = z.object({
  metadata,
  spec: z
    .object({
      replicas: z.number().optional(),
      template: z
        .object({ metadata: z.object({ labels: stringMap.optional(), annotations: stringMap.optional() }).optional() })
        .optional(),
    })
    .optional(),
  status: z.object({ availableReplicas: z.number().optional() }).optional(),
});

export const namespaceSchema = z.object({ metadata, status: z.object({ phase: z.string().optional() }).optional() });

export const configMapSchema = z.object({ metadata, data: stringMap.optional() });

const labelSelector = z.object({
  matchLabels: stringMap.optional(),
  matchExpressions: z
    .array(z.object({ key: z.string(), operator: z.string(), values: z.array(z.string()).optional() }))
    .optional(),
});

/** The Mesh page's sidecar injector: which pods each webhook selects, whom it calls, and the CA it trusts. */
export const mutatingWebhookConfigurationSchema = z.object({
  metadata,
  webhooks: z
    .array(
      z.object({
        name: z.string(),
        clientConfig: z.object({
          service: z
            .object({
              namespace: z.string(),
              name: z.string(),
              path: z.string().optional(),
              port: z.number().optional(),
            })
            .optional(),
          url: z.string().optional(),
          caBundle: z.string().optional(),
        }),
        failurePolicy: z.string().optional(),
        namespaceSelector: labelSelector.optional(),
        objectSelector: labelSelector.optional(),
      }),
    )
    .optional(),
});

export type Pod = z.infer<typeof podSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type Deployment = z.infer<typeof deploymentSchema>;
export type Namespace = z.infer<typeof namespaceSchema>;
export type ConfigMap = z.infer<typeof configMapSchema>;
export type MutatingWebhookConfiguration = z.infer<typeof mutatingWebhookConfigurationSchema>;

/**
 * `schema` applied to each observed version once: versions are immutable (a change arrives as
 * a new ObservedObject), so the result is kept with the version and later reads reuse it.
 */
function typedWith<T>(schema: z.ZodType<T>) {
  const parsed = new WeakMap<ObservedObject, T | null>();
  return (objects: readonly ObservedObject[]): T[] => {
    const typed: T[] = [];
    for (const object of objects) {
      let value = parsed.get(object);
      if (value === undefined) {
        const result = schema.safeParse(object.object);
        value = result.success ? result.data : null;
        parsed.set(object, value);
      }
      if (value !== null) typed.push(value);
    }
    return typed;
  };
}

export const typedPods = typedWith(podSchema);
export const typedServices = typedWith(serviceSchema);
export const typedDeployments = typedWith(deploymentSchema);
export const typedNamespaces = typedWith(namespaceSchema);
export const typedConfigMaps = typedWith(configMapSchema);
export const typedMutatingWebhookConfigurations = typedWith(mutatingWebhookConfigurationSchema);

/** The controller (or first) owner of an object: whose workload a pod is. */
export function ownerOf(object: { metadata: z.infer<typeof metadata> }): { kind: string; name: string } | undefined {
  const owners = object.metadata.ownerReferences ?? [];
  const owner = owners.find((o) => o.controller) ?? owners[0];
  return owner ? { kind: owner.kind, name: owner.name } : undefined;
}
