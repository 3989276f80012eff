/**
 * JSON merge patches of core objects (Namespace, Deployment) — for the few core fields
 * Topsail edits, such as sidecar injection labels and annotations. The patch carries the
 * resourceVersion the user saw: the API server takes it as a precondition and answers 409
 * Conflict when the object has changed since, so a toggle never overwrites someone else's
 * edit. `null` in a merge patch removes a key.
 */
import "server-only";
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { TopsailError } from "@/server/errors";
import { clusterCacheFor, runningClusterCache } from "./cluster-cache";
import { typedDeployments, typedNamespaces } from "./core-objects";
import type { KubeConnection } from "./kube-connection";
import { toKubeError } from "./kube-errors";

export type MergeValue = string | null;

/** The parts of a patched object Topsail keeps (for the audit log and the answer). */
export interface PatchedCoreObject {
  kind: "Namespace" | "Deployment";
  namespace: string;
  name: string;
  resourceVersion: string;
  labels: Record<string, string>;
  /** Deployment: the pod template's annotations. */
  templateAnnotations?: Record<string, string>;
}

const mergePatch = () => setHeaderOptions("Content-Type", PatchStrategy.MergePatch);

export async function patchNamespaceLabels(
  connection: KubeConnection,
  name: string,
  labels: Record<string, MergeValue>,
  resourceVersion: string,
): Promise<PatchedCoreObject> {
  try {
    const ns = await connection.kubeConfig
      .makeApiClient(CoreV1Api)
      .patchNamespace({ name, body: { metadata: { resourceVersion, labels } } }, mergePatch());
    await runningClusterCache(connection)?.caughtUp(
      { kind: "Namespace", namespace: undefined, name },
      ns.metadata?.resourceVersion ?? "",
    );
    return {
      kind: "Namespace",
      namespace: name,
      name,
      resourceVersion: ns.metadata?.resourceVersion ?? "",
      labels: ns.metadata?.labels ?? {},
    };
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace: name });
  }
}

/** Changing the pod template rolls the Deployment: its pods are replaced. */
export async function patchDeploymentTemplateAnnotations(
  connection: KubeConnection,
  namespace: string,
  name: string,
  annotations: Record<string, MergeValue>,
  resourceVersion: string,
): Promise<PatchedCoreObject> {
  try {
    const d = await connection.kubeConfig
      .makeApiClient(AppsV1Api)
      .patchNamespacedDeployment(
        { namespace, name, body: { metadata: { resourceVersion }, spec: { template: { metadata: { annotations } } } } },
        mergePatch(),
      );
    await runningClusterCache(connection)?.caughtUp(
      { kind: "Deployment", namespace, name },
      d.metadata?.resourceVersion ?? "",
    );
    return {
      kind: "Deployment",
      namespace,
      name,
      resourceVersion: d.metadata?.resourceVersion ?? "",
      labels: d.metadata?.labels ?? {},
      templateAnnotations: d.spec?.template?.metadata?.annotations ?? {},
    };
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace });
  }
}

export async function readNamespaceLabels(
  connection: KubeConnection,
  name: string,
): Promise<{ labels: Record<string, string>; resourceVersion: string }> {
  const observed = await clusterCacheFor(connection).get("Namespace", undefined, name);
  const [ns] = typedNamespaces(observed ? [observed] : []);
  if (!ns) throw new TopsailError("not_found", `Namespace ${name} does not exist`);
  return { labels: ns.metadata.labels ?? {}, resourceVersion: ns.metadata.resourceVersion ?? "" };
}

export async function readDeploymentTemplateAnnotations(
  connection: KubeConnection,
  namespace: string,
  name: string,
): Promise<{ annotations: Record<string, string>; resourceVersion: string }> {
  const observed = await clusterCacheFor(connection).get("Deployment", namespace, name);
  const [d] = typedDeployments(observed ? [observed] : []);
  if (!d) throw new TopsailError("not_found", `Deployment ${namespace}/${name} does not exist`);
  return {
    annotations: d.spec?.template?.metadata?.annotations ?? {},
    resourceVersion: d.metadata.resourceVersion ?? "",
  };
}
