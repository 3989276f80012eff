import { describe, expect, it } from "vitest";
import { namespaceMemoryStep } from "./namespace-memory";

describe("remembering the namespace selection", () => {
  it("remembers the namespaces a URL names", () => {
    expect(namespaceMemoryStep("reviews-ns,bookinfo", null)).toEqual({
      kind: "remember",
      value: "bookinfo,reviews-ns",
    });
    expect(namespaceMemoryStep("bookinfo", "istio-system")).toEqual({ kind: "remember", value: "bookinfo" });
  });

  it("restores the remembered namespaces on a URL without any", () => {
    expect(namespaceMemoryStep(null, "bookinfo")).toEqual({ kind: "restore", value: "bookinfo" });
  });

  it("does nothing when both agree, when nothing is remembered, or after the user cleared the selection", () => {
    expect(namespaceMemoryStep("bookinfo", "bookinfo")).toEqual({ kind: "none" });
    expect(namespaceMemoryStep(null, null)).toEqual({ kind: "none" });
    expect(namespaceMemoryStep(null, "")).toEqual({ kind: "none" });
  });

  it("never restores names that are not namespace names", () => {
    expect(namespaceMemoryStep(null, "../etc,<b>")).toEqual({ kind: "none" });
  });
});
