/**
 * server/diagnosis wired to the cluster cache; routes and the graph call these. Everything
 * below this file takes its inputs as parameters (see README.md).
 */
import "server-only";
import type { TimeoutBudget } from "@/lib/contracts/budget";
import { getKubeConnection } from "@/server/adapters/kube";
import { namespaceNotFound, viewerVisibility } from "@/server/auth/namespace-visibility";
import { loadValidationContext } from "@/server/validation/load-validation-context";
import { analyzeBudget } from "./analyze-budget";

/**
 * A namespace's budget as the viewer may see it: 404 for a namespace that does not exist or
 * they may not see; hops and findings in other namespaces they may not see are left out.
 */
export async function getTimeoutBudgetLive(namespace: string): Promise<TimeoutBudget> {
  const visibility = viewerVisibility();
  const context = await loadValidationContext(getKubeConnection());
  if (!context.namespaces.includes(namespace) || !(await visibility.canSee(namespace)))
    throw namespaceNotFound(namespace);
  const budget = analyzeBudget(context, namespace);
  if (visibility.everything) return budget;
  const edges = await visibility.filter(budget.edges, (e) => e.destination.namespace);
  return {
    ...budget,
    edges: await visibility.filter(edges, (e) => e.source.namespace),
    clients: await visibility.filter(budget.clients, (c) => c.workload.namespace),
    validations: await visibility.filter(budget.validations, (v) => v.namespace),
  };
}

/**
 * The budgets of the graph's namespaces, read as the console (the graph hides what the viewer
 * may not see afterwards). A namespace unknown to the cluster has no budget.
 */
export async function readTimeoutBudgets(namespaces: readonly string[]): Promise<TimeoutBudget[]> {
  const context = await loadValidationContext(getKubeConnection());
  return namespaces.filter((ns) => context.namespaces.includes(ns)).map((ns) => analyzeBudget(context, ns));
}

export { analyzeBudget } from "./analyze-budget";
