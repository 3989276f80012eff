/**
 * Cluster-level facts the console shows everywhere: the server version, whether Istio is
 * installed, and the namespaces a user can pick from.
 */
import "server-only";
import { ApiextensionsV1Api, VersionApi } from "@kubernetes/client-node";
import type { NamespaceSummary } from "@/lib/contracts/namespaces";
import { KubeApiError } from "@/server/errors";
import { clusterCacheFor } from "./cluster-cache";
import { typedNamespaces } from "./core-objects";
import type { KubeConnection } from "./kube-connection";
import { toKubeError } from "./kube-errors";

/** The CRD whose presence means "Istio is installed": every Istio release serves it. */
export const istioMarkerCrd = "virtualservices.networking.istio.io";

export async function getServerVersion(connection: KubeConnection): Promise<string> {
  try {
    const info = await connection.kubeConfig.makeApiClient(VersionApi).getCode();
    return info.gitVersion;
  } catch (error) {
    throw toKubeError(error, connection);
  }
}

export async function isIstioInstalled(connection: KubeConnection): Promise<boolean> {
  try {
    await connection.kubeConfig
      .makeApiClient(ApiextensionsV1Api)
      .readCustomResourceDefinition({ name: istioMarkerCrd });
    return true;
  } catch (error) {
    const typed = toKubeError(error, connection);
    if (typed instanceof KubeApiError && typed.status === 404) return false;
    throw typed;
  }
}

export async function listNamespaces(connection: KubeConnection): Promise<NamespaceSummary[]> {
  const namespaces = typedNamespaces(await clusterCacheFor(connection).list("Namespace"));
  return namespaces
    .map((ns) => ({ name: ns.metadata.name, labels: ns.metadata.labels ?? {}, phase: ns.status?.phase ?? "Active" }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
