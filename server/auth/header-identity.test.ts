import { describe, expect, it } from "vitest";
import { readHeaderIdentity } from "./header-identity";
import { matchAddresses } from "./proxy-addresses";

const settings = {
  proxyAddresses: ["10.0.0.7", "10.1.0.0/16", "fd00::/8"],
  userHeader: "X-Forwarded-User",
  groupsHeader: "X-Forwarded-Groups",
};

describe("matchAddresses", () => {
  it("matches single addresses and ranges, IPv4-mapped IPv6 as IPv4, and nothing else", () => {
    const match = matchAddresses(settings.proxyAddresses);
    for (const address of ["10.0.0.7", "::ffff:10.0.0.7", "10.1.200.3", "fd00::1"])
      expect(match(address), address).toBe(true);
    for (const address of ["10.0.0.8", "10.2.0.1", "127.0.0.1", "::1", "not-an-ip", undefined]) {
      expect(match(address), String(address)).toBe(false);
    }
  });
});

describe("readHeaderIdentity", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("believes the user and groups headers from the proxy, acting for them by impersonation", () => {
    const identity = readHeaderIdentity(
      settings,
      headers({ "x-forwarded-user": "alice", "x-forwarded-groups": "team-a, admins" }),
      "10.0.0.7",
    );
    expect(identity).toEqual({
      kind: "user",
      viewer: { name: "alice", groups: ["team-a", "admins"], strategy: "header", credential: { kind: "impersonate" } },
    });
  });

  it("ignores the same headers from anyone else", () => {
    expect(readHeaderIdentity(settings, headers({ "x-forwarded-user": "alice" }), "192.168.1.9")).toEqual({
      kind: "none",
    });
    expect(readHeaderIdentity(settings, headers({ "x-forwarded-user": "alice" }), undefined)).toEqual({ kind: "none" });
  });

  it("takes a bearer token from the proxy when it names no user", () => {
    expect(readHeaderIdentity(settings, headers({ authorization: "Bearer abc.def" }), "10.1.0.9")).toEqual({
      kind: "bearer",
      token: "abc.def",
    });
  });
});
