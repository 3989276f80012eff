import { describe, expect, it } from "vitest";
import type { TrafficSubset } from "@/lib/contracts/traffic";
import {
  canaryDraft,
  defaultCanaryForm,
  defaultFaultForm,
  faultDraft,
  namedHttpRoutes,
  pickCanaryTarget,
  pickFaultTarget,
  subsetChoices,
  toSpec,
} from "./experiment-form-model";

/** The canary form as the pickers leave it: reviews, v1 → v3. */
const picked = { ...defaultCanaryForm("bookinfo", "reviews"), from: "v1", to: "v3" };

describe("the experiment form", () => {
  it("turns the canary defaults into a valid spec", () => {
    const result = toSpec(canaryDraft(picked));
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
    const catchAll = toSpec(canaryDraft(picked));
    expect(catchAll.ok && catchAll.spec.kind === "canary" && catchAll.spec.rule).toBeUndefined();
    const named = toSpec(canaryDraft({ ...picked, rule: " default-route " }));
    expect(named.ok && named.spec.kind === "canary" && named.spec.rule).toBe("default-route");
  });

  it("uses stepWeight and maxWeight when the step list is empty", () => {
    const result = toSpec(canaryDraft({ ...picked, steps: "", stepWeight: "20", maxWeight: "60" }));
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
    const result = toSpec(canaryDraft({ ...picked, steps: "50, 10", minSuccessRate: "", to: "v1" }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join("\n")).toMatch(/gates/i);
  });

  it("names the fields in the form's words, never as a spec path", () => {
    const result = toSpec(canaryDraft({ ...defaultCanaryForm("bookinfo", "reviews"), minRequests: "0" }));
    expect(!result.ok && result.problems).toEqual(
      expect.arrayContaining([
        "From subset (A) is required",
        "To subset (B) is required",
        expect.stringMatching(/^Min requests to B per step: /),
      ]),
    );
    const typed = toSpec(canaryDraft({ ...picked, minRequests: "lots" }));
    expect(!typed.ok && typed.problems).toEqual(["Min requests to B per step must be a number"]);
  });

  it("carries the minimum requests per step into the gates, 5 unless changed", () => {
    const byDefault = toSpec(canaryDraft(picked));
    expect(byDefault.ok && byDefault.spec.kind === "canary" && byDefault.spec.gates.minRequests).toBe(5);
    const raised = toSpec(canaryDraft({ ...picked, minRequests: "50" }));
    expect(raised.ok && raised.spec.kind === "canary" && raised.spec.gates.minRequests).toBe(50);
  });

  it("guesses no subset: the canary's A and B start unpicked", () => {
    const form = defaultCanaryForm("bookinfo", "reviews");
    expect([form.from, form.to]).toEqual(["", ""]);
  });
});

describe("picking the target", () => {
  it("clears the service and subsets when the namespace changes, and the subsets when the service does", () => {
    const otherNamespace = pickCanaryTarget({ ...picked, rule: "testers" }, { namespace: "shop" });
    expect(otherNamespace).toMatchObject({ namespace: "shop", service: "", from: "", to: "", rule: "" });
    const otherService = pickCanaryTarget(picked, { service: "ratings" });
    expect(otherService).toMatchObject({ namespace: "bookinfo", service: "ratings", from: "", to: "" });
    expect(pickCanaryTarget(picked, { service: "reviews" })).toBe(picked);
  });

  it("lets the measured service follow the faulted one until the user picks another", () => {
    const fault = defaultFaultForm("bookinfo", "");
    const ratings = pickFaultTarget(fault, { service: "ratings" });
    expect(ratings.hypothesisService).toBe("ratings");
    expect(pickFaultTarget(ratings, { service: "reviews" }).hypothesisService).toBe("reviews");
    const chosen = { ...ratings, hypothesisService: "productpage", subset: "v1" };
    expect(pickFaultTarget(chosen, { service: "reviews" })).toMatchObject({
      service: "reviews",
      subset: "",
      hypothesisService: "productpage",
    });
  });

  it("offers every subset but only lets the usable ones be picked, saying why the others are not", () => {
    const subsets: TrafficSubset[] = [
      { name: "v1", labels: { version: "v1" }, inDestinationRule: true, workloads: ["reviews-v1"] },
      { name: "v2", labels: { version: "v2" }, inDestinationRule: true, workloads: [] },
      { name: "v4", labels: { version: "v4" }, inDestinationRule: false, workloads: ["reviews-v4"] },
    ];
    expect(subsetChoices(subsets)).toEqual([
      { name: "v1", label: "v1 (reviews-v1)", disabled: false },
      { name: "v2", label: "v2 (selects no pods)", disabled: true },
      { name: "v4", label: "v4 (not in a DestinationRule yet)", disabled: true },
    ]);
  });

  it("lists the named HTTP routes a canary can own", () => {
    const vs = {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "reviews", namespace: "bookinfo" },
      spec: { http: [{ name: "testers", match: [{}] }, { route: [] }, { name: "default-route" }] },
    };
    expect(namedHttpRoutes(vs)).toEqual(["testers", "default-route"]);
    expect(namedHttpRoutes(null)).toEqual([]);
  });
});
