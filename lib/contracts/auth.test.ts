import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./auth";

describe("safeReturnPath", () => {
  it("keeps a path on this console, with its query", () => {
    expect(safeReturnPath("/graph?namespaces=bookinfo")).toBe("/graph?namespaces=bookinfo");
  });

  it("sends anything that leaves the console, or loops back to sign-in, to the overview", () => {
    for (const value of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "evil",
      "",
      null,
      undefined,
      "/sign-in",
    ]) {
      expect(safeReturnPath(value), String(value)).toBe("/");
    }
  });
});
