import { describe, expect, it } from "vitest";
import { routePatternOf } from "./route-patterns";

const patterns = [
  "/api/audit",
  "/api/audit/[id]",
  "/api/audit/[id]/rollback",
  "/api/istio/objects/[namespace]/[kind]/[name]",
  "/api/istio/objects/preview",
  "/api/namespaces/graph",
  "/api/namespaces/[namespace]/[kind]",
];

describe("routePatternOf", () => {
  it("labels a request by its route, not by the names in its path", () => {
    expect(routePatternOf("/api/audit/cmx9t", patterns)).toBe("/api/audit/[id]");
    expect(routePatternOf("/api/audit/cmx9t/rollback", patterns)).toBe("/api/audit/[id]/rollback");
    expect(routePatternOf("/api/istio/objects/bookinfo/VirtualService/reviews", patterns)).toBe(
      "/api/istio/objects/[namespace]/[kind]/[name]",
    );
  });

  it("prefers a static route over a dynamic one that also matches, as Next.js routes", () => {
    expect(routePatternOf("/api/namespaces/graph", patterns)).toBe("/api/namespaces/graph");
    expect(routePatternOf("/api/namespaces/bookinfo/workloads", patterns)).toBe("/api/namespaces/[namespace]/[kind]");
  });

  it("says unmatched for a path no route serves", () => {
    expect(routePatternOf("/api/nothing/here", patterns)).toBe("unmatched");
  });
});
