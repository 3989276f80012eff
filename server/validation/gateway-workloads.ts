/**
 * The namespaces of the workloads a Gateway's selector picks, anywhere in the mesh (istiod's
 * default): that is where its credential Secrets must be, since the gateway pod reads them
 * from its own namespace — not the Gateway's.
 */
import "server-only";
import type { Gateway } from "@/lib/istio/types";
import type { ValidationContext } from "./context";
import { asLabels, workloadsSelected } from "./labels";

export function gatewayWorkloadNamespaces(gateway: Pick<Gateway, "spec">, context: ValidationContext): string[] {
  const selector = asLabels(gateway.spec?.selector);
  if (!selector || Object.keys(selector).length === 0) return [];
  return [...new Set(workloadsSelected(selector, "*", context).map((w) => w.namespace))].sort();
}
