import { describe, expect, it } from "vitest";
import { objectValidationListSchema, validationsQuerySchema } from "./validations";

describe("validations query", () => {
  it("reads a comma-separated list, trimming blanks and duplicates", () => {
    expect(validationsQuerySchema.parse({ namespaces: "bookinfo, istio-system,,bookinfo" })).toEqual({
      namespaces: ["bookinfo", "istio-system"],
    });
  });

  it("refuses no namespace and names that cannot be namespaces", () => {
    expect(validationsQuerySchema.safeParse({}).success).toBe(false);
    expect(validationsQuerySchema.safeParse({ namespaces: " , " }).success).toBe(false);
    expect(validationsQuerySchema.safeParse({ namespaces: "Bookinfo" }).success).toBe(false);
    expect(validationsQuerySchema.safeParse({ namespaces: "../etc" }).success).toBe(false);
  });
});

describe("validations response", () => {
  it("accepts the engine's shape and refuses an unknown severity", () => {
    const entry = {
      kind: "VirtualService",
      namespace: "bookinfo",
      name: "reviews",
      valid: true,
      checks: [
        {
          code: "KIA1107",
          severity: "warning",
          message: "Subset not found",
          path: "spec/http[0]/route[0]/destination",
        },
      ],
    };
    expect(objectValidationListSchema.parse([entry])).toEqual([entry]);
    expect(
      objectValidationListSchema.safeParse([{ ...entry, checks: [{ ...entry.checks[0], severity: "fatal" }] }]).success,
    ).toBe(false);
  });
});
