/** The Services of a namespace, reduced to what Topsail reads: name, selector, ports. */
import "server-only";
import { CoreV1Api } from "@kubernetes/client-node";
import type { KubeConnection } from "./kube-connection";
import { toKubeError } from "./kube-errors";

export interface ServiceSummary {
  namespace: string;
  name: string;
  selector: Record<string, string>;
  ports: { name?: string; port: number; protocol: string; appProtocol?: string }[];
}

/** The Services of one namespace, or of all namespaces when `namespace` is undefined. */
export async function listServices(connection: KubeConnection, namespace: string | undefined): Promise<ServiceSummary[]> {
  try {
    const api = connection.kubeConfig.makeApiClient(CoreV1Api);
    const list = namespace === undefined ? await api.listServiceForAllNamespaces() : await api.listNamespacedService({ namespace });
    return list.items
      .filter((s) => s.metadata?.name)
      .map((s) => ({
        namespace: s.metadata?.namespace ?? namespace ?? "",
        name: s.metadata?.name ?? "",
        selector: s.spec?.selector ?? {},
        ports: (s.spec?.ports ?? []).map((p) => ({ name: p.name, port: p.port, protocol: p.protocol ?? "TCP", appProtocol: p.appProtocol })),
      }))
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace });
  }
}
