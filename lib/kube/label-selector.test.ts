import { describe, expect, it } from "vitest";
import { describeLabelSelector, matchesLabelSelector } from "./label-selector";

describe("a label selector against labels", () => {
  it("matches everything when absent or empty", () => {
    expect(matchesLabelSelector(undefined, {})).toBe(true);
    expect(matchesLabelSelector({}, { a: "b" })).toBe(true);
  });

  it("requires every matchLabels entry and every expression", () => {
    const selector = {
      matchLabels: { app: "reviews" },
      matchExpressions: [{ key: "istio-injection", operator: "In", values: ["enabled"] }],
    };
    expect(matchesLabelSelector(selector, { app: "reviews", "istio-injection": "enabled" })).toBe(true);
    expect(matchesLabelSelector(selector, { app: "reviews" })).toBe(false);
    expect(matchesLabelSelector(selector, { "istio-injection": "enabled" })).toBe(false);
  });

  it("lets NotIn and DoesNotExist hold for a missing label, In and Exists not", () => {
    expect(matchesLabelSelector({ matchExpressions: [{ key: "k", operator: "NotIn", values: ["false"] }] }, {})).toBe(
      true,
    );
    expect(matchesLabelSelector({ matchExpressions: [{ key: "k", operator: "DoesNotExist" }] }, {})).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "k", operator: "In", values: ["x"] }] }, {})).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "k", operator: "Exists" }] }, {})).toBe(false);
    expect(
      matchesLabelSelector({ matchExpressions: [{ key: "k", operator: "NotIn", values: ["false"] }] }, { k: "false" }),
    ).toBe(false);
  });

  it("matches nothing with an operator the API does not define", () => {
    expect(matchesLabelSelector({ matchExpressions: [{ key: "k", operator: "Gt", values: ["1"] }] }, { k: "2" })).toBe(
      false,
    );
  });

  it("reads as a person would write it", () => {
    expect(
      describeLabelSelector({
        matchExpressions: [
          { key: "istio.io/rev", operator: "In", values: ["default"] },
          { key: "istio-injection", operator: "DoesNotExist" },
          { key: "sidecar.istio.io/inject", operator: "NotIn", values: ["false"] },
        ],
      }),
    ).toBe("istio.io/rev=default, no istio-injection, sidecar.istio.io/inject!=false");
    expect(describeLabelSelector(undefined)).toBe("everything");
  });
});
