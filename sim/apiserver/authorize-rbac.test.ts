import { describe, expect, it } from "vitest";
import { MemoryStore } from "../store/memory-store";
import { authorizeWithRbac } from "./authorize-rbac";
import { parseTokenFile } from "./authenticate";
import { forbidden } from "./status-error";

const RBAC = "rbac.authorization.k8s.io";

function storeWithPolicy(): MemoryStore {
  const store = new MemoryStore();
  store.create(
    { group: "", resource: "namespaces" },
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "bookinfo" } },
  );
  store.create(
    { group: RBAC, resource: "clusterroles" },
    {
      apiVersion: `${RBAC}/v1`,
      kind: "ClusterRole",
      metadata: { name: "view" },
      rules: [
        {
          apiGroups: ["", "networking.istio.io"],
          resources: ["pods", "virtualservices"],
          verbs: ["get", "list", "watch"],
        },
      ],
    },
  );
  store.create(
    { group: RBAC, resource: "roles" },
    {
      apiVersion: `${RBAC}/v1`,
      kind: "Role",
      metadata: { name: "edit-reviews", namespace: "bookinfo" },
      rules: [
        {
          apiGroups: ["networking.istio.io"],
          resources: ["virtualservices"],
          verbs: ["update", "patch"],
          resourceNames: ["reviews"],
        },
      ],
    },
  );
  store.create(
    { group: RBAC, resource: "clusterrolebindings" },
    {
      apiVersion: `${RBAC}/v1`,
      kind: "ClusterRoleBinding",
      metadata: { name: "viewers" },
      roleRef: { kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "Group", name: "viewers" }],
    },
  );
  store.create(
    { group: RBAC, resource: "rolebindings" },
    {
      apiVersion: `${RBAC}/v1`,
      kind: "RoleBinding",
      metadata: { name: "alice-edit", namespace: "bookinfo" },
      roleRef: { kind: "Role", name: "edit-reviews" },
      subjects: [{ kind: "User", name: "alice" }],
    },
  );
  return store;
}

describe("RBAC authorisation", () => {
  const { allows: authorize, rulesFor } = authorizeWithRbac(storeWithPolicy());
  const viewer = { name: "viewer", groups: ["viewers"] };
  const alice = { name: "alice", groups: [] };

  it("grants through group ClusterRoleBindings and namespaced RoleBindings with resourceNames", () => {
    expect(authorize({ user: viewer, verb: "list", group: "", resource: "pods", namespace: "bookinfo" })).toBe(true);
    expect(
      authorize({
        user: viewer,
        verb: "create",
        group: "networking.istio.io",
        resource: "virtualservices",
        namespace: "bookinfo",
      }),
    ).toBe(false);
    expect(
      authorize({
        user: alice,
        verb: "patch",
        group: "networking.istio.io",
        resource: "virtualservices",
        namespace: "bookinfo",
        name: "reviews",
      }),
    ).toBe(true);
    expect(
      authorize({
        user: alice,
        verb: "patch",
        group: "networking.istio.io",
        resource: "virtualservices",
        namespace: "bookinfo",
        name: "ratings",
      }),
    ).toBe(false);
    expect(
      authorize({
        user: { name: "root", groups: ["system:masters"] },
        verb: "delete",
        group: "",
        resource: "namespaces",
      }),
    ).toBe(true);
  });

  it("lists the rules bound to a user in a namespace, cluster-wide bindings first", () => {
    expect(rulesFor(alice, "bookinfo")).toEqual([
      {
        apiGroups: ["networking.istio.io"],
        resources: ["virtualservices"],
        verbs: ["update", "patch"],
        resourceNames: ["reviews"],
      },
    ]);
    expect(rulesFor(alice, "httpbin")).toEqual([]);
    expect(rulesFor(viewer, "httpbin")).toEqual([
      {
        apiGroups: ["", "networking.istio.io"],
        resources: ["pods", "virtualservices"],
        verbs: ["get", "list", "watch"],
      },
    ]);
  });

  it("words a denial as kube-apiserver does", () => {
    expect(
      forbidden({
        user: "viewer",
        verb: "create",
        group: "networking.istio.io",
        resource: "virtualservices",
        namespace: "bookinfo",
      }).message,
    ).toBe(
      'virtualservices.networking.istio.io is forbidden: User "viewer" cannot create resource "virtualservices" in API group "networking.istio.io" in the namespace "bookinfo"',
    );
    expect(
      forbidden({ user: "viewer", verb: "delete", group: "", resource: "namespaces", name: "bookinfo" }).message,
    ).toBe(
      'namespaces "bookinfo" is forbidden: User "viewer" cannot delete resource "namespaces" in API group "" at the cluster scope',
    );
  });

  it("reads kube-apiserver token files with quoted group lists", () => {
    const users = parseTokenFile('t1,viewer,1001,"viewers,auditors"\n# comment\nt2,ops,1002\n');
    expect(users.get("t1")).toEqual({
      name: "viewer",
      uid: "1001",
      groups: ["viewers", "auditors", "system:authenticated"],
    });
    expect(users.get("t2")?.name).toBe("ops");
  });
});
