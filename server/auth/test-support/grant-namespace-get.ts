/**
 * Gives a simulator user `get` on one namespace and nothing in it — a viewer who may see the
 * namespace (server/auth/namespace-visibility.ts) but not read its pods, services or config.
 */
import { RbacAuthorizationV1Api } from "@kubernetes/client-node";
import type { KubeConnection } from "@/server/adapters/kube";

export async function grantNamespaceGet(connection: KubeConnection, user: string, namespace: string): Promise<void> {
  const rbac = connection.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  const role = `get-namespace-${namespace}`;
  await rbac.createClusterRole({
    body: {
      metadata: { name: role },
      rules: [{ apiGroups: [""], resources: ["namespaces"], resourceNames: [namespace], verbs: ["get"] }],
    },
  });
  await rbac.createClusterRoleBinding({
    body: {
      metadata: { name: `${user}-${role}` },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }],
    },
  });
}
