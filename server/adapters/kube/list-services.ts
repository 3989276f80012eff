/** The Services of a namespace, reduced to what Topsail reads: name, selector, ports. */
import "server-only";
import { clusterCacheFor } from "./cluster-cache";
import { typedServices, type Service } from "./core-objects";
import type { KubeConnection } from "./kube-connection";

export interface ServiceSummary {
  namespace: string;
  name: string;
  selector: Record<string, string>;
  ports: { name?: string; port: number; protocol: string; appProtocol?: string }[];
}

export function toServiceSummary(service: Service): ServiceSummary {
  return {
    namespace: service.metadata.namespace ?? "",
    name: service.metadata.name,
    selector: service.spec?.selector ?? {},
    ports: (service.spec?.ports ?? []).map((p) => ({
      name: p.name,
      port: p.port,
      protocol: p.protocol ?? "TCP",
      appProtocol: p.appProtocol,
    })),
  };
}

/** The Services of one namespace, or of all namespaces when `namespace` is undefined. */
export async function listServices(
  connection: KubeConnection,
  namespace: string | undefined,
): Promise<ServiceSummary[]> {
  return typedServices(await clusterCacheFor(connection).list("Service", namespace))
    .map(toServiceSummary)
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}
