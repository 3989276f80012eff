/**
 * The Istio routing config of a namespace (VirtualServices, DestinationRules,
 * ServiceEntries), read as custom objects and checked just enough (kind, name, spec an
 * object) to hand lib/istio types on; a cluster without Istio's CRDs reads as empty.
 */
import "server-only";
import { CustomObjectsApi } from "@kubernetes/client-node";
import { z } from "zod";
import type { DestinationRule, ServiceEntry, VirtualService } from "@/lib/istio/types";
import { KubeApiError } from "@/server/errors";
import type { KubeConnection } from "./kube-connection";
import { toKubeError } from "./kube-errors";

export interface IstioRoutingConfig {
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  serviceEntries: ServiceEntry[];
}

const istioList = z.object({
  items: z.array(
    z
      .object({
        apiVersion: z.string(),
        kind: z.string(),
        metadata: z.object({ name: z.string(), namespace: z.string().optional() }).passthrough(),
        spec: z.record(z.string(), z.unknown()).optional(),
      })
      .passthrough(),
  ),
});

async function listKind(api: CustomObjectsApi, namespace: string | undefined, plural: string, kind: string): Promise<unknown[]> {
  try {
    const group = "networking.istio.io";
    const body: unknown =
      namespace === undefined
        ? await api.listClusterCustomObject({ group, version: "v1", plural })
        : await api.listNamespacedCustomObject({ group, version: "v1", namespace, plural });
    const parsed = istioList.safeParse(body);
    if (!parsed.success) return [];
    return parsed.data.items.map((item) => ({ ...item, kind, metadata: { ...item.metadata, namespace: item.metadata.namespace ?? namespace ?? "" } }));
  } catch (error) {
    const typed = toKubeError(error, { server: "", namespace });
    // No CRD (Istio not installed) reads as "no config", not as a failure.
    if (typed instanceof KubeApiError && typed.status === 404) return [];
    throw error;
  }
}

/** The routing config of one namespace, or of all namespaces when `namespace` is undefined. */
export async function listIstioRoutingConfig(connection: KubeConnection, namespace: string | undefined): Promise<IstioRoutingConfig> {
  try {
    const api = connection.kubeConfig.makeApiClient(CustomObjectsApi);
    const [virtualServices, destinationRules, serviceEntries] = await Promise.all([
      listKind(api, namespace, "virtualservices", "VirtualService"),
      listKind(api, namespace, "destinationrules", "DestinationRule"),
      listKind(api, namespace, "serviceentries", "ServiceEntry"),
    ]);
    // The objects passed the shape check above; their specs stay as the user wrote them,
    // which is what lib/istio's all-optional types describe.
    return {
      virtualServices: virtualServices as VirtualService[],
      destinationRules: destinationRules as DestinationRule[],
      serviceEntries: serviceEntries as ServiceEntry[],
    };
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace });
  }
}
