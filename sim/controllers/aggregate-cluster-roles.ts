/**
 * Cluster-role aggregation controller core (kube-controller-manager's clusterrole-aggregation):
 * a ClusterRole with an `aggregationRule` gets, as its rules, the rules of every other
 * ClusterRole whose labels match one of its selectors — taken in name order, each rule once.
 * That is how `view`, `edit` and `admin` come to cover kinds added later (Istio's, here).
 * Selectors are read as matchLabels, which is all the bootstrap and Istio roles use.
 */
import type { KubeObject } from "../store/types";
import { type Action, matchesSelector } from "./objects";
import type { PolicyRule } from "../apiserver/request-context";

export const CLUSTER_ROLES = { group: "rbac.authorization.k8s.io", resource: "clusterroles" } as const;

interface AggregationRule {
  clusterRoleSelectors?: { matchLabels?: Record<string, string> }[];
}

export function aggregationRuleOf(role: KubeObject): AggregationRule | undefined {
  const rule = role.aggregationRule as AggregationRule | undefined;
  return rule && Array.isArray(rule.clusterRoleSelectors) ? rule : undefined;
}

function rulesOf(role: KubeObject): PolicyRule[] {
  return Array.isArray(role.rules) ? (role.rules as PolicyRule[]) : [];
}

export function aggregateClusterRole(role: KubeObject, all: KubeObject[]): Action[] {
  const aggregation = aggregationRuleOf(role);
  if (!aggregation) return [];
  const selectors = (aggregation.clusterRoleSelectors ?? []).map((s) => s.matchLabels ?? {});
  const sources = all
    .filter(
      (other) =>
        other.metadata.name !== role.metadata.name &&
        selectors.some((sel) => Object.keys(sel).length > 0 && matchesSelector(other.metadata.labels, sel)),
    )
    .sort((a, b) => (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""));
  const rules: PolicyRule[] = [];
  const seen = new Set<string>();
  for (const rule of sources.flatMap(rulesOf)) {
    const key = JSON.stringify(rule);
    if (seen.has(key)) continue;
    seen.add(key);
    rules.push(rule);
  }
  if (JSON.stringify(rules) === JSON.stringify(rulesOf(role))) return [];
  return [{ type: "update", ref: CLUSTER_ROLES, object: { ...role, rules } }];
}
