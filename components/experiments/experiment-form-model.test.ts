import { describe, expect, it } from "vitest";
import { canaryDraft, defaultCanaryForm, defaultFaultForm, faultDraft, toSpec } from "./experiment-form-model";

describe("the experiment form", () => {
  it("turns the canary defaults into a valid spec", () => {
    const result = toSpec(canaryDraft({ ...defaultCanaryForm("bookinfo", "reviews"), to: "v3" }));
    expect(result).toEqual({
      ok: true,
      spec: expect.objectContaining({
        kind: "canary",
        steps: [10, 50, 100],
        intervalSeconds: 60,
        gates: { minSuccessRate: 99, minRequests: 5 },
        failedCheckThreshold: 1,
      }),
    });
  });

  it("leaves the owned rule to the catch-all unless a route name is given", () => {
    const catchAll = toSpec(canaryDraft({ ...defaultCanaryForm("bookinfo", "reviews"), to: "v3" }));
    expect(catchAll.ok && catchAll.spec.kind === "canary" && catchAll.spec.rule).toBeUndefined();
    const named = toSpec(
      canaryDraft({ ...defaultCanaryForm("bookinfo", "reviews"), to: "v3", rule: " default-route " }),
    );
    expect(named.ok && named.spec.kind === "canary" && named.spec.rule).toBe("default-route");
  });

  it("uses stepWeight and maxWeight when the step list is empty", () => {
    const result = toSpec(
      canaryDraft({ ...defaultCanaryForm("bookinfo", "reviews"), steps: "", stepWeight: "20", maxWeight: "60" }),
    );
    expect(result.ok && result.spec.kind === "canary" && [result.spec.stepWeight, result.spec.maxWeight]).toEqual([
      20, 60,
    ]);
  });

  it("builds Bookinfo's jason delay from the fault form", () => {
    const form = {
      ...defaultFaultForm("bookinfo", "ratings"),
      subset: "v1",
      matchValue: "jason",
      hypothesisService: "productpage",
      hypothesisScope: "outbound" as const,
    };
    const result = toSpec(faultDraft(form));
    expect(result.ok && result.spec).toMatchObject({
      kind: "fault",
      match: [{ header: "end-user", op: "exact", value: "jason" }],
      delay: { fixedDelayMs: 7000, percent: 100 },
      hypothesis: { service: "productpage", scope: "outbound", minSuccessRate: 99 },
    });
  });

  it("measures the faulted service where its callers see the fault, by default", () => {
    const result = toSpec(
      faultDraft({ ...defaultFaultForm("bookinfo", "ratings"), abortStatus: "503", abortPercent: "60", delayMs: "" }),
    );
    expect(result.ok && result.spec).toMatchObject({
      kind: "fault",
      service: "ratings",
      match: [],
      hypothesis: { service: "ratings", scope: "callers" },
    });
  });

  it("watches a delay by default: a p95 bound where the callers see it, below the default 7 s delay", () => {
    const result = toSpec(faultDraft({ ...defaultFaultForm("bookinfo", "ratings"), matchValue: "jason" }));
    expect(result.ok && result.spec).toMatchObject({
      delay: { fixedDelayMs: 7000 },
      hypothesis: { service: "ratings", scope: "callers", maxP95Ms: 1000 },
    });
  });

  it("says what is wrong, by field", () => {
    const result = toSpec(
      canaryDraft({ ...defaultCanaryForm("bookinfo", "reviews"), steps: "50, 10", minSuccessRate: "", to: "v1" }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join("\n")).toMatch(/gates/);
  });
});
