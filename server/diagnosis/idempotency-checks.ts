/**
 * TOP1103: retries that may re-send a request the destination already took (retry-conditions.ts:
 * 5xx, gateway-error, reset, retriable status codes…) on a route that carries methods which are
 * not idempotent (RFC 9110 §9.2.2: POST and PATCH) — a retried POST may place an order twice.
 *  - warning: a match block of the rule admits POST or PATCH by its `method` match;
 *  - info: the rule does not restrict methods at all, so POST goes through it if any client
 *    sends one (restrict the retrying rule to GET, or retry only on connect-failure).
 * Only rules that set `retries` are checked: Istio's default conditions re-send nothing a
 * server took over HTTP. Every VirtualService of the namespace is checked, gateway-bound too,
 * whether or not a known client calls it.
 */
import "server-only";
import type { HTTPRoute, VirtualService } from "@/lib/istio/types";
import { buildCheck } from "@/server/validation/codes";
import type { Findings } from "./findings";
import { ruleMayMatch } from "./route-may-match";
import { routePolicyOf } from "./route-policy";

const NOT_IDEMPOTENT = ["POST", "PATCH"] as const;

/** The non-idempotent methods a rule admits by an explicit method match, and whether some block admits any method. */
function methodsAdmitted(rule: HTTPRoute): { explicit: string[]; unrestricted: boolean } {
  const blocks = rule.match ?? [];
  if (blocks.length === 0) return { explicit: [], unrestricted: true };
  const explicit = new Set<string>();
  let unrestricted = false;
  for (const block of blocks) {
    if (!block.method) {
      unrestricted = true;
      continue;
    }
    for (const method of NOT_IDEMPOTENT) {
      // Only the method condition counts here: the block's other conditions are about which POSTs.
      const verdict = ruleMayMatch(
        { match: [{ method: block.method }] },
        {
          path: "/",
          method,
          port: 0,
          sourceNamespace: "",
          sourceLabels: {},
        },
      );
      if (verdict !== "never") explicit.add(method);
    }
  }
  return { explicit: [...explicit], unrestricted };
}

export function checkIdempotency(virtualServices: readonly VirtualService[], findings: Findings) {
  for (const vs of virtualServices) {
    const target = {
      kind: "VirtualService" as const,
      namespace: vs.metadata.namespace ?? "",
      name: vs.metadata.name ?? "",
    };
    for (const [index, rule] of (vs.spec?.http ?? []).entries()) {
      const policy = routePolicyOf(rule);
      if (!policy.explicitRetries || policy.retries === 0 || policy.resendingOn.length === 0) continue;
      const { explicit, unrestricted } = methodsAdmitted(rule);
      const on = policy.resendingOn.join(",");
      const path = `spec/http[${index}]/retries/retryOn`;
      if (explicit.length > 0)
        findings.add(
          target,
          buildCheck("TOP1103", path, {
            detail: `${on} re-sends ${explicit.join(" and ")} requests the service may already have carried out`,
          }),
          2,
        );
      else if (unrestricted)
        findings.add(
          target,
          buildCheck("TOP1103", path, {
            detail: `${on} is retried for every method, POST included; restrict this rule to idempotent methods or retry on connect-failure only`,
            severity: "info",
          }),
          1,
        );
    }
  }
}
