/**
 * server/diagnosis wired to the cluster cache; routes and the graph call these. Everything
 * below this file takes its inputs as parameters (see README.md).
 */
import "server-only";
import type { TimeoutBudget } from "@/lib/contracts/budget";
import { getKubeConnection } from "@/server/adapters/kube";
import {
  istioResourceOf,
  namespaceNotFound,
  PODS,
  requireReadable,
  viewerVisibility,
  type ReadableResource,
} from "@/server/auth/namespace-visibility";
import { loadValidationContext } from "@/server/validation/load-validation-context";
import { analyzeBudget } from "./analyze-budget";

/** A budget shows VirtualServices and workloads (findings are filed on either: findings.ts). */
const VIRTUAL_SERVICES = istioResourceOf("VirtualService");
const findingResourceOf = (kind: string): ReadableResource => (kind === "VirtualService" ? VIRTUAL_SERVICES : PODS);

/**
 * A namespace's budget as the viewer may read it: 404 for a namespace that does not exist or
 * they may not see, 403 when they may not list its pods or VirtualServices (what the budget
 * shows); hops, clients and findings in other namespaces they may not read are left out.
 */
export async function getTimeoutBudgetLive(namespace: string): Promise<TimeoutBudget> {
  const visibility = viewerVisibility();
  const context = await loadValidationContext(getKubeConnection());
  if (!context.namespaces.includes(namespace)) throw namespaceNotFound(namespace);
  await requireReadable(namespace, PODS);
  await requireReadable(namespace, VIRTUAL_SERVICES);
  const budget = analyzeBudget(context, namespace);
  if (visibility.everything) return budget;
  const pods = () => PODS;
  const edges = await visibility.filterReadable(budget.edges, (e) => e.destination.namespace, pods);
  return {
    ...budget,
    edges: await visibility.filterReadable(edges, (e) => e.source.namespace, pods),
    clients: await visibility.filterReadable(budget.clients, (c) => c.workload.namespace, pods),
    validations: await visibility.filterReadable(
      budget.validations,
      (v) => v.namespace,
      (v) => findingResourceOf(v.kind),
    ),
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
