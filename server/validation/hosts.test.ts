import { describe, expect, it } from "vitest";
import { hostCovers, hostsIntersect, isExportedTo, qualifyHost } from "./hosts";

describe("host names", () => {
  it("qualifies short names with the writer's namespace and leaves dotted names and * alone", () => {
    expect(qualifyHost("reviews", "bookinfo", "cluster.local")).toBe("reviews.bookinfo.svc.cluster.local");
    expect(qualifyHost("Reviews.Bookinfo", "x", "cluster.local")).toBe("reviews.bookinfo");
    expect(qualifyHost("*", "x", "cluster.local")).toBe("*");
  });

  it("lets *.suffix cover names under it but not the suffix itself", () => {
    expect(hostCovers("*.example.com", "a.example.com")).toBe(true);
    expect(hostCovers("*.example.com", "example.com")).toBe(false);
    expect(hostCovers("*", "anything")).toBe(true);
    expect(hostCovers("*.example.com", "*.a.example.com")).toBe(true);
    expect(hostCovers("*.a.example.com", "*.example.com")).toBe(false);
    expect(hostsIntersect("*.a.example.com", "*.example.com")).toBe(true);
  });

  it("honours exportTo: absent or * for all, . for the own namespace", () => {
    expect(isExportedTo(undefined, "a", "b")).toBe(true);
    expect(isExportedTo(["."], "a", "a")).toBe(true);
    expect(isExportedTo(["."], "a", "b")).toBe(false);
    expect(isExportedTo(["b"], "a", "b")).toBe(true);
  });
});
