import { describe, expect, it } from "vitest";
import { formatNamespaceParam, isInSelection, parseNamespaceParam } from "./namespace-param";

describe("namespace URL parameter", () => {
  it("reads a comma-separated list, sorted and without duplicates", () => {
    expect(parseNamespaceParam("reviews-ns,bookinfo,bookinfo")).toEqual(["bookinfo", "reviews-ns"]);
  });
  it("drops names Kubernetes would not accept", () => {
    expect(parseNamespaceParam("Bookinfo,ok,-bad,a_b,")).toEqual(["ok"]);
  });
  it("treats a missing parameter as no selection", () => {
    expect(parseNamespaceParam(null)).toEqual([]);
  });
  it("writes the same canonical form it reads", () => {
    expect(formatNamespaceParam(["b", "a", "b"])).toBe("a,b");
  });
  it("shows everything without a selection, and only the selected namespaces with one", () => {
    expect(isInSelection([], "istio-system")).toBe(true);
    expect(isInSelection(["bookinfo"], "bookinfo")).toBe(true);
    expect(isInSelection(["bookinfo"], "istio-system")).toBe(false);
  });
});
