import { describe, expect, it } from "vitest";
import type { RouteMatchInput } from "@/lib/contracts/traffic";
import { unreachableRules } from "./unreachable-rules";

const m = (headers: Record<string, string>, uri?: string): RouteMatchInput => ({
  headers: Object.entries(headers).map(([name, value]) => ({ name, type: "exact", value })),
  uri: uri ? { type: "prefix", value: uri } : null,
  method: null,
});

describe("unreachableRules", () => {
  it("flags every rule after a catch-all", () => {
    const found = unreachableRules([{ matches: [] }, { matches: [m({ "end-user": "jason" })] }]);
    expect([...found.keys()]).toEqual([1]);
    expect(found.get(1)).toMatch(/rule 1 before it matches every request/);
  });

  it("flags a rule whose every match an earlier, looser match already catches", () => {
    const rules = [
      { matches: [m({ "end-user": "jason" })] },
      { matches: [m({ "end-user": "jason", "x-canary": "1" })] },
      { matches: [] },
    ];
    expect([...unreachableRules(rules).keys()]).toEqual([1]);
  });

  it("keeps a rule with at least one match nothing earlier catches", () => {
    const rules = [
      { matches: [m({ "end-user": "jason" })] },
      { matches: [m({ "end-user": "jason" }), m({}, "/admin")] },
      { matches: [] },
    ];
    expect(unreachableRules(rules).size).toBe(0);
  });
});
