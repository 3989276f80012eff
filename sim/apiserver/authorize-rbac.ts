/**
 * RBAC authorisation from the Role/ClusterRole/RoleBinding/ClusterRoleBinding objects in
 * the store, evaluated per request as kube-apiserver's RBAC authorizer does: a request is
 * allowed when any rule reachable through a binding whose subjects include the user (or one
 * of their groups) matches its verb, API group, resource[/subresource] and name. The
 * `system:masters` group is allowed everything, as the real server's superuser group. What
 * every authenticated user may do (ask SelfSubject*Reviews, read discovery) comes from the
 * bootstrap roles in sim/scenarios/system/10-bootstrap-rbac.yaml, as on a real cluster.
 */
import type { KubeObject } from "../store/types";
import type { MemoryStore } from "../store/memory-store";
import type { AuthorizationAttributes, Authorizer, PolicyRule, UserInfo } from "./request-context";

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

const RBAC = "rbac.authorization.k8s.io";

function rulesOf(role: KubeObject | undefined): PolicyRule[] {
  return role && Array.isArray(role.rules) ? (role.rules as PolicyRule[]) : [];
}

/** A ServiceAccount subject of a RoleBinding without a namespace means the binding's own. */
function subjectMatches(subject: Subject, user: UserInfo, bindingNamespace: string | undefined): boolean {
  if (subject.kind === "User") return subject.name === user.name;
  if (subject.kind === "Group") return subject.name !== undefined && user.groups.includes(subject.name);
  if (subject.kind === "ServiceAccount")
    return user.name === `system:serviceaccount:${subject.namespace || bindingNamespace || ""}:${subject.name ?? ""}`;
  return false;
}

function bindsUser(binding: KubeObject, user: UserInfo): boolean {
  const subjects = Array.isArray(binding.subjects) ? (binding.subjects as Subject[]) : [];
  return subjects.some((s) => subjectMatches(s, user, binding.metadata.namespace));
}

function ruleMatches(rule: PolicyRule, a: AuthorizationAttributes): boolean {
  const has = (list: string[] | undefined, value: string): boolean =>
    (list ?? []).includes("*") || (list ?? []).includes(value);
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resources = rule.resources ?? [];
  const resourceOk =
    resources.includes("*") ||
    resources.includes(resource) ||
    (a.subresource !== undefined && resources.includes(`*/${a.subresource}`));
  const namesOk =
    !rule.resourceNames ||
    rule.resourceNames.length === 0 ||
    (a.name !== undefined && rule.resourceNames.includes(a.name));
  return has(rule.verbs, a.verb) && has(rule.apiGroups, a.group) && resourceOk && namesOk;
}

function roleFor(memory: MemoryStore, binding: KubeObject): KubeObject | undefined {
  const ref = (binding.roleRef ?? {}) as { kind?: string; name?: string };
  if (ref.kind === "ClusterRole")
    return memory.getShared({ group: RBAC, resource: "clusterroles" }, undefined, ref.name ?? "");
  if (ref.kind === "Role")
    return memory.getShared({ group: RBAC, resource: "roles" }, binding.metadata.namespace, ref.name ?? "");
  return undefined;
}

/**
 * The rules bound to the user, in the order kube's rule resolver visits them (VisitRulesFor):
 * every ClusterRoleBinding, then the RoleBindings of the namespace when one is given.
 */
function boundRules(memory: MemoryStore, user: UserInfo, namespace: string | undefined): PolicyRule[] {
  const bindings = [...memory.listShared({ group: RBAC, resource: "clusterrolebindings" }).items];
  if (namespace) bindings.push(...memory.listShared({ group: RBAC, resource: "rolebindings" }, namespace).items);
  return bindings.filter((b) => bindsUser(b, user)).flatMap((b) => rulesOf(roleFor(memory, b)));
}

export function authorizeWithRbac(memory: MemoryStore): Authorizer {
  return {
    allows: (a) =>
      a.user.groups.includes("system:masters") ||
      boundRules(memory, a.user, a.namespace).some((rule) => ruleMatches(rule, a)),
    rulesFor: (user, namespace) => boundRules(memory, user, namespace),
  };
}

/** Without a token file: everything is allowed, and the rules say so as kube's AlwaysAllow authorizer lists them. */
export function allowAll(): Authorizer {
  return {
    allows: () => true,
    rulesFor: () => [
      { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
      { verbs: ["*"], nonResourceURLs: ["*"] },
    ],
  };
}
