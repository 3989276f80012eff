import { describe, expect, it } from "vitest";
import { envoyPathSchema, routeMatchQuerySchema } from "./envoy";

describe("the route-match query", () => {
  it("reads headers as name:value, lower-casing the name and keeping colons in the value", () => {
    const parsed = routeMatchQuerySchema.parse({
      pod: "productpage-v1-abc",
      host: "reviews:9080",
      headers: ["End-User: jason", "x-time: 10:15"],
    });
    expect(parsed).toEqual({
      pod: "productpage-v1-abc",
      host: "reviews:9080",
      path: "/",
      headers: { "end-user": "jason", "x-time": "10:15" },
    });
  });

  it("refuses a header without a name, and a path without its leading slash", () => {
    expect(routeMatchQuerySchema.safeParse({ pod: "p", host: "h", headers: [":x"] }).success).toBe(false);
    expect(routeMatchQuerySchema.safeParse({ pod: "p", host: "h", path: "reviews" }).success).toBe(false);
  });

  it("is asked of workloads only", () => {
    expect(envoyPathSchema.safeParse({ namespace: "bookinfo", kind: "services", name: "reviews" }).success).toBe(false);
  });
});
