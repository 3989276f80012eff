import { describe, expect, it } from "vitest";
import { KubeConfigImpersonating, withImpersonationHeaders } from "./kube-identity";

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

describe("an impersonating kubeconfig's WebSockets (port-forward)", () => {
  it("carry the user and one Impersonate-Group line per group, as its HTTP requests do", async () => {
    const kubeConfig = new KubeConfigImpersonating("alice", ["team-a", "team-b"]);
    kubeConfig.loadFromOptions({
      clusters: [{ name: "c", server: "https://cluster.example:6443", skipTLSVerify: false }],
      users: [{ name: "console", token: "console-token" }],
      contexts: [{ name: "ctx", cluster: "c", user: "console" }],
      currentContext: "ctx",
    });
    const opts: { headers?: Record<string, string | string[]> } = {};
    await kubeConfig.applyToHTTPSOptions(opts);
    expect(opts.headers).toEqual({
      Authorization: "Bearer console-token",
      "Impersonate-User": "alice",
      "Impersonate-Group": ["team-a", "team-b"],
    });
  });
});
