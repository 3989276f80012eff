import { describe, expect, it } from "vitest";
import { safeReturnPath, signInErrorMessage } from "./auth";

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

describe("signInErrorMessage", () => {
  it("explains the console's own codes and shows nothing for text someone put in a link", () => {
    expect(signInErrorMessage("openid_expired")).toContain("Sign in again");
    for (const value of ["Your account is locked: call +1 555 0100", "toString", "__proto__", undefined]) {
      expect(signInErrorMessage(value), String(value)).toBeUndefined();
    }
  });
});
