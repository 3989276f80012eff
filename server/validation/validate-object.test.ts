import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "./test-support/fixtures";
import { validateContextNamespaces } from "./validate-namespaces";
import { validateObject } from "./validate-object";

const context = contextFrom(BOOKINFO);

describe("validateObject", () => {
  it("gathers every rule's checks; warnings leave the object valid", () => {
    const vs = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec: { hosts: [reviews], http: [{ route: [{ destination: { host: reviews, subset: v1 }, weight: 90 }] }] }
`,
    );
    expect(validateObject(vs, context)).toEqual({
      kind: "VirtualService",
      namespace: "bookinfo",
      name: "reviews",
      valid: true,
      checks: [expect.objectContaining({ code: "KIA1104", path: "spec/http[0]/route[0]/weight" })],
    });
  });

  it("is invalid with any error, webhook or semantic", () => {
    const vs = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec: { hosts: [reviews], gateways: [missing], http: [{ route: [{ destination: { host: reviews, subset: v1 }, weight: -5 }, { destination: { host: reviews, subset: v2 }, weight: 105 }] }] }
`,
    );
    const result = validateObject(vs, context);
    expect(result.valid).toBe(false);
    expect(result.checks.map((c) => c.code)).toEqual(["TOP0001", "KIA1102"]);
  });

  it("reports a field of the wrong type as TOP0003 instead of throwing", () => {
    const broken = {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "x", namespace: "bookinfo" },
      spec: { hosts: "reviews", http: "oops" },
    };
    const result = validateObject(broken, context);
    expect(result.checks.some((c) => c.code === "TOP0003" || c.code === "TOP0001")).toBe(true);
  });

  it("checks an edited object against the mesh without comparing it to its saved self", () => {
    // The saved reviews DestinationRule is in the context; its edit must not be its own duplicate.
    const edited = objectOf("DestinationRule", BOOKINFO);
    expect(validateObject(edited, context).checks).toEqual([]);
  });

  it("leaves kinds Istio does not validate alone", () => {
    expect(validateObject({ kind: "ConfigMap", metadata: { name: "x", namespace: "bookinfo" } }, context)).toEqual({
      kind: "ConfigMap",
      namespace: "bookinfo",
      name: "x",
      valid: true,
      checks: [],
    });
  });
});

describe("validateContextNamespaces", () => {
  it("lists the Istio objects of the asked namespaces only, sorted", () => {
    const results = validateContextNamespaces(["bookinfo"], context);
    expect(results.map((r) => `${r.kind}/${r.name}`)).toEqual(["DestinationRule/reviews", "Gateway/bookinfo-gateway"]);
    expect(results.every((r) => r.valid)).toBe(true);
  });
});
