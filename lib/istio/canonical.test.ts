import { describe, expect, it } from "vitest";
import { canonicalRevisionOf, canonicalServiceOf, workloadNameOf } from "./canonical";

describe("canonical service and revision", () => {
  it("prefers the canonical-name label, then app.kubernetes.io/name, then app, then the workload", () => {
    expect(
      canonicalServiceOf({ "service.istio.io/canonical-name": "c", "app.kubernetes.io/name": "k", app: "a" }, "w"),
    ).toBe("c");
    expect(canonicalServiceOf({ "app.kubernetes.io/name": "k", app: "a" }, "w")).toBe("k");
    expect(canonicalServiceOf({ app: "reviews" }, "reviews-v1")).toBe("reviews");
    expect(canonicalServiceOf({}, "reviews-v1")).toBe("reviews-v1");
  });

  it("reads the revision from the version labels and falls back to latest", () => {
    expect(canonicalRevisionOf({ "service.istio.io/canonical-revision": "r", version: "v1" })).toBe("r");
    expect(canonicalRevisionOf({ "app.kubernetes.io/version": "2.0", version: "v1" })).toBe("2.0");
    expect(canonicalRevisionOf({ version: "v2" })).toBe("v2");
    expect(canonicalRevisionOf(undefined)).toBe("latest");
  });

  it("names a ReplicaSet's pod after its deployment", () => {
    expect(workloadNameOf("reviews-v1-5b8c7d9f6-abcde", { kind: "ReplicaSet", name: "reviews-v1-5b8c7d9f6" })).toBe(
      "reviews-v1",
    );
    expect(workloadNameOf("solo")).toBe("solo");
  });
});
