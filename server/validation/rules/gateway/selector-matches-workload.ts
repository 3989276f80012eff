/**
 * KIA0302: no gateway workload carries the Gateway's selector labels, so no proxy serves
 * it. Gateways select workloads in any namespace (istiod's default), so the whole mesh is
 * searched — the usual ingress lives in istio-system while its Gateways live with the apps.
 */
import "server-only";
import type { Gateway } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { asLabels, workloadsSelected } from "../../labels";
import type { Rule } from "../../types";

export const checkGatewaySelectorMatches: Rule<Gateway> = (gateway, context) => {
  const selector = asLabels(gateway.spec?.selector);
  if (!selector || Object.keys(selector).length === 0) return [];
  if (workloadsSelected(selector, "*", context).length > 0) return [];
  return [
    buildCheck("KIA0302", "spec/selector", {
      detail: Object.entries(selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(","),
    }),
  ];
};
