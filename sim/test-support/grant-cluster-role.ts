/**
 * Gives a user of the token file a ClusterRole with these rules, written straight into the
 * store (as an admin would apply it): the RBAC tests' "a viewer who may … but not …".
 */
import type { StoreClient } from "../store/types";

const RBAC = "rbac.authorization.k8s.io";

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export function grantClusterRole(store: StoreClient, role: string, rules: PolicyRule[], user: string): void {
  store.create(
    { group: RBAC, resource: "clusterroles" },
    { apiVersion: `${RBAC}/v1`, kind: "ClusterRole", metadata: { name: role }, rules },
  );
  store.create(
    { group: RBAC, resource: "clusterrolebindings" },
    {
      apiVersion: `${RBAC}/v1`,
      kind: "ClusterRoleBinding",
      metadata: { name: `${user}-${role}` },
      roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: role },
      subjects: [{ apiGroup: RBAC, kind: "User", name: user }],
    },
  );
}
