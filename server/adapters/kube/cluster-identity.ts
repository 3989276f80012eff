/**
 * Which cluster a connection reaches: the UID of its kube-system namespace. A kubeconfig
 * context is only a name (anyone can repoint it), a server URL can move behind a load
 * balancer, but kube-system is created once with the cluster and never deleted, so its UID
 * is the cluster's identity — the same choice as Kiali's and Argo CD's cluster IDs.
 * Experiments and audit entries store it, and nothing acts on a cluster whose identity
 * differs from the one recorded (docs/ARCHITECTURE.md "Identity").
 */
import "server-only";
import { TopsailError } from "@/server/errors";
import { clusterCacheFor } from "./cluster-cache";
import { typedNamespaces } from "./core-objects";
import type { KubeConnection } from "./kube-connection";

export async function readClusterId(connection: KubeConnection): Promise<string> {
  const observed = await clusterCacheFor(connection).get("Namespace", undefined, "kube-system");
  const [ns] = typedNamespaces(observed ? [observed] : []);
  if (!ns)
    throw new TopsailError(
      "kube_api",
      `The Kubernetes API at ${connection.server} has no namespace kube-system, so the cluster cannot be identified`,
    );
  if (!ns.metadata.uid)
    throw new TopsailError(
      "kube_api",
      `The Kubernetes API at ${connection.server} returned namespace kube-system without a uid`,
    );
  return ns.metadata.uid;
}

/**
 * Refuses (409 `conflict`) when the connection reaches another cluster than `expected`.
 * `what` names the record in the message, e.g. "experiment abc" or "audit entry xyz".
 */
export async function requireSameCluster(
  connection: KubeConnection,
  expected: string | null | undefined,
  what: string,
): Promise<void> {
  if (!expected) return;
  const actual = await readClusterId(connection);
  if (actual === expected) return;
  throw new TopsailError(
    "conflict",
    `${what} belongs to the cluster whose kube-system namespace has UID ${expected}, but context "${connection.context}" (${connection.server}) now reaches the cluster with UID ${actual}; nothing was changed. Point that context back at the original cluster to act on it.`,
    { details: { expectedClusterId: expected, actualClusterId: actual, context: connection.context } },
  );
}
