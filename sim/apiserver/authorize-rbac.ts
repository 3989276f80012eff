/**
 * RBAC authorisation from the Role/ClusterRole/RoleBinding/ClusterRoleBinding objects in
 * the store, evaluated per request as kube-apiserver's RBAC authorizer does: a request is
 * allowed when any rule reachable through a binding whose subjects include the user (or one
 * of their groups) matches its verb, API group, resource[/subresource] and name. The
 * `system:masters` group is allowed everything, as the real server's superuser group.
 */
import type { KubeObject } from "../store/types";
import type { MemoryStore } from "../store/memory-store";
import type { AuthorizationAttributes, Authorizer, UserInfo } from "./request-context";

interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
}

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

const RBAC = "rbac.authorization.k8s.io";

function rulesOf(role: KubeObject | undefined): PolicyRule[] {
  return role && Array.isArray(role.rules) ? (role.rules as PolicyRule[]) : [];
}

function subjectMatches(subject: Subject, user: UserInfo): boolean {
  if (subject.kind === "User") return subject.name === user.name;
  if (subject.kind === "Group") return subject.name !== undefined && user.groups.includes(subject.name);
  if (subject.kind === "ServiceAccount") return user.name === `system:serviceaccount:${subject.namespace ?? ""}:${subject.name ?? ""}`;
  return false;
}

function bindsUser(binding: KubeObject, user: UserInfo): boolean {
  const subjects = Array.isArray(binding.subjects) ? (binding.subjects as Subject[]) : [];
  return subjects.some((s) => subjectMatches(s, user));
}

function ruleMatches(rule: PolicyRule, a: AuthorizationAttributes): boolean {
  const has = (list: string[] | undefined, value: string): boolean => (list ?? []).includes("*") || (list ?? []).includes(value);
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resources = rule.resources ?? [];
  const resourceOk = resources.includes("*") || resources.includes(resource) || (a.subresource !== undefined && resources.includes(`*/${a.subresource}`));
  const namesOk = !rule.resourceNames || rule.resourceNames.length === 0 || (a.name !== undefined && rule.resourceNames.includes(a.name));
  return has(rule.verbs, a.verb) && has(rule.apiGroups, a.group) && resourceOk && namesOk;
}

function roleFor(memory: MemoryStore, binding: KubeObject): KubeObject | undefined {
  const ref = (binding.roleRef ?? {}) as { kind?: string; name?: string };
  if (ref.kind === "ClusterRole") return memory.getShared({ group: RBAC, resource: "clusterroles" }, undefined, ref.name ?? "");
  if (ref.kind === "Role") return memory.getShared({ group: RBAC, resource: "roles" }, binding.metadata.namespace, ref.name ?? "");
  return undefined;
}

/** Everyone authenticated may ask what they may do, as system:basic-user grants. */
function alwaysAllowed(a: AuthorizationAttributes): boolean {
  return a.group === "authorization.k8s.io" && a.resource === "selfsubjectaccessreviews" && a.verb === "create";
}

export function authorizeWithRbac(memory: MemoryStore): Authorizer {
  return (a) => {
    if (a.user.groups.includes("system:masters") || alwaysAllowed(a)) return true;
    const bindings = [...memory.listShared({ group: RBAC, resource: "clusterrolebindings" }).items];
    if (a.namespace) bindings.push(...memory.listShared({ group: RBAC, resource: "rolebindings" }, a.namespace).items);
    return bindings.some((b) => bindsUser(b, a.user) && rulesOf(roleFor(memory, b)).some((rule) => ruleMatches(rule, a)));
  };
}

export function allowAll(): Authorizer {
  return () => true;
}
