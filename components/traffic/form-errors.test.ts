import { describe, expect, it } from "vitest";
import { wizardInputSchemas } from "@/lib/contracts/traffic";
import { fieldErrorsOf, problemText } from "./form-errors";

const errorsOf = (wizard: keyof typeof wizardInputSchemas, value: unknown) => {
  const parsed = wizardInputSchemas[wizard].safeParse(value);
  return parsed.success ? [] : fieldErrorsOf(parsed.error.issues);
};

const jasonRule = (value: string, weights: number[]) => ({
  matches: [{ headers: [{ name: "end-user", type: "exact", value }], uri: null, method: null }],
  routes: weights.map((weight, i) => ({ subset: `v${i + 1}`, weight })),
});

describe("fieldErrorsOf", () => {
  it("words an empty header value and a weight total, keyed by the field's path", () => {
    const errors = errorsOf("request-routing", { rules: [jasonRule("", [60, 30])] });
    expect(errors).toEqual([
      {
        key: "rules.0.matches.0.headers.0.value",
        message: "Header value is required",
        where: "Rule 1, match 1, header 1",
      },
      { key: "rules.0.routes", message: "Weights must add up to 100 (now 90)", where: "Rule 1" },
    ]);
    expect(errors.map(problemText)).toEqual([
      "Rule 1, match 1, header 1: Header value is required",
      "Rule 1: Weights must add up to 100 (now 90)",
    ]);
  });

  it("never shows a path or zod's own wording", () => {
    const errors = [
      ...errorsOf("request-routing", { rules: [jasonRule("", [60, 30.5])] }),
      ...errorsOf("timeouts-retries", {
        target: { kind: "header", name: "End User", type: "exact", value: "" },
        timeout: "soon",
        retries: { attempts: Number.NaN, perTryTimeout: null, retryOn: "" },
      }),
      ...errorsOf("circuit-breaker", {
        maxConnections: 0,
        http1MaxPendingRequests: 1.5,
        maxRequestsPerConnection: null,
        consecutive5xxErrors: null,
        interval: null,
        baseEjectionTime: null,
        maxEjectionPercent: 101,
      }),
    ];
    expect(errors.length).toBeGreaterThan(8);
    for (const { message } of errors) {
      expect(message).not.toMatch(/\.\d+\.|Invalid input|Too (small|big)|This field/);
      expect(message).toMatch(/^[A-Z]/);
    }
    expect(errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        "Weight must be a whole number",
        "Header name must be lowercase, without spaces",
        "Header value is required",
        "Timeout must be a duration such as 2s or 500ms",
        "Attempts must be a number",
        "Retry on is required",
        "Max connections must be at least 1",
        "Max pending HTTP/1.1 requests must be a whole number",
        "Max ejection percent must be at most 100",
      ]),
    );
  });
});
