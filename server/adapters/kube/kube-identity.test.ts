import { describe, expect, it } from "vitest";
import { withImpersonationHeaders } from "./kube-identity";

describe("withImpersonationHeaders", () => {
  it("adds the user and one header line per group, keeping the request's own headers", () => {
    expect(withImpersonationHeaders({ authorization: "Bearer console" }, "bob", ["team-a", "team-b"])).toEqual([
      "authorization",
      "Bearer console",
      "Impersonate-User",
      "bob",
      "Impersonate-Group",
      "team-a",
      "Impersonate-Group",
      "team-b",
    ]);
  });

  it("replaces impersonation headers a request already carried, whatever their case", () => {
    expect(withImpersonationHeaders(["impersonate-user", "admin", "accept", "application/json"], "bob", [])).toEqual([
      "accept",
      "application/json",
      "Impersonate-User",
      "bob",
    ]);
  });
});
