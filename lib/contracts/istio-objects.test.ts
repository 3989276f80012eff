import { describe, expect, it } from "vitest";
import {
  istioObjectListQuerySchema,
  objectRefSchema,
  rebaseRequestSchema,
  validateYamlRequestSchema,
  writeRequestSchema,
} from "./istio-objects";

describe("the Istio objects contract", () => {
  it("reads the list's namespaces like the validations endpoint", () => {
    expect(istioObjectListQuerySchema.parse({ namespaces: "bookinfo, istio-system,bookinfo" }).namespaces).toEqual([
      "bookinfo",
      "istio-system",
    ]);
    expect(istioObjectListQuerySchema.safeParse({}).success).toBe(false);
  });

  it("accepts kinds as kind names, plurals or short names, and refuses path tricks", () => {
    expect(objectRefSchema.safeParse({ namespace: "bookinfo", kind: "virtualservices", name: "reviews" }).success).toBe(
      true,
    );
    expect(
      objectRefSchema.safeParse({ namespace: "bookinfo", kind: "VirtualService", name: "reviews.v2" }).success,
    ).toBe(true);
    expect(objectRefSchema.safeParse({ namespace: "Bookinfo", kind: "vs", name: "reviews" }).success).toBe(false);
    expect(objectRefSchema.safeParse({ namespace: "bookinfo", kind: "../secrets", name: "reviews" }).success).toBe(
      false,
    );
    expect(objectRefSchema.safeParse({ namespace: "bookinfo", kind: "vs", name: "../x" }).success).toBe(false);
  });

  it("refuses a kind Istio does not serve, naming the served kinds", () => {
    const parsed = objectRefSchema.safeParse({ namespace: "bookinfo", kind: "Bogus", name: "reviews" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(
      '"Bogus" is not an Istio kind; the served kinds are VirtualService, DestinationRule',
    );
  });

  it("validates against a page's target: an object to edit or a namespace to create in", () => {
    expect(validateYamlRequestSchema.safeParse({ yaml: "kind: x", target: { namespace: "bookinfo" } }).success).toBe(
      true,
    );
    expect(
      validateYamlRequestSchema.safeParse({
        yaml: "kind: x",
        target: { namespace: "bookinfo", kind: "vs", name: "reviews" },
      }).success,
    ).toBe(true);
    expect(
      validateYamlRequestSchema.safeParse({ yaml: "x".repeat(512 * 1024 + 1), target: { namespace: "bookinfo" } })
        .success,
    ).toBe(false);
  });

  it("requires the loaded resourceVersion for an update, never for a create", () => {
    const target = { namespace: "bookinfo", kind: "vs", name: "reviews" };
    expect(writeRequestSchema.safeParse({ mode: "update", yaml: "a: 1", target }).success).toBe(false);
    expect(
      writeRequestSchema.safeParse({ mode: "update", yaml: "a: 1", target, baseResourceVersion: "12" }).success,
    ).toBe(true);
    expect(writeRequestSchema.safeParse({ mode: "create", yaml: "a: 1", namespace: "bookinfo" }).success).toBe(true);
    expect(writeRequestSchema.safeParse({ mode: "replace", yaml: "a: 1", namespace: "bookinfo" }).success).toBe(false);
  });

  it("defaults a rebase's choices to none and accepts only mine or theirs", () => {
    expect(rebaseRequestSchema.parse({ base: "", mine: "", theirs: "" }).choices).toEqual({});
    expect(
      rebaseRequestSchema.safeParse({ base: "", mine: "", theirs: "", choices: { "spec/host": "both" } }).success,
    ).toBe(false);
  });
});
