/**
 * Which routing rules can never match, for the request-routing wizard's warning (the
 * server's IST0130 says the same after the fact). Istio takes the first rule that matches,
 * so a rule is unreachable after a catch-all, or when every one of its match blocks asks
 * for at least everything an earlier block asks for (an earlier block with a subset of its
 * conditions catches its requests first).
 */
import type { RouteMatchInput, RoutingRuleInput } from "@/lib/contracts/traffic";

const conditions = (m: RouteMatchInput): string[] => [
  ...m.headers.map((h) => `h:${h.name}:${h.type}:${h.value}`),
  ...(m.uri ? [`u:${m.uri.type}:${m.uri.value}`] : []),
  ...(m.method ? [`m:${m.method}`] : []),
];

/** Block `earlier` catches every request `later` would: its conditions are a subset of later's. */
const covers = (earlier: RouteMatchInput, later: RouteMatchInput) => {
  const have = new Set(conditions(later));
  return conditions(earlier).every((c) => have.has(c));
};

export function unreachableRules(rules: Pick<RoutingRuleInput, "matches">[]): Map<number, string> {
  const out = new Map<number, string>();
  rules.forEach((rule, i) => {
    const earlier = rules.slice(0, i);
    const catchAll = earlier.findIndex(
      (r) => r.matches.length === 0 || r.matches.some((m) => conditions(m).length === 0),
    );
    if (catchAll >= 0) {
      out.set(i, `Rule ${i + 1} can never match: rule ${catchAll + 1} before it matches every request.`);
      return;
    }
    if (rule.matches.length === 0) return;
    const blocks = earlier.flatMap((r, j) => r.matches.map((m) => ({ m, j })));
    const shadowedBy = rule.matches.map((m) => blocks.find((b) => covers(b.m, m))?.j);
    if (shadowedBy.every((j) => j !== undefined)) {
      out.set(
        i,
        `Rule ${i + 1} can never match: rule ${[...new Set(shadowedBy.map((j) => (j ?? 0) + 1))].join(", ")} before it already catches its requests.`,
      );
    }
  });
  return out;
}
