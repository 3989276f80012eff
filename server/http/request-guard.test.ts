import { describe, expect, it } from "vitest";
import { checkCsrfToken, checkHost, checkMutationRequest, checkPathEncoding, maxJsonBodyBytes } from "./request-guard";

function request(method: string, headers: Record<string, string>) {
  const map = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method,
    url: "http://127.0.0.1:3000/api/thing",
    headers: { get: (name: string) => map.get(name.toLowerCase()) ?? null },
  };
}

describe("checkMutationRequest", () => {
  it("lets reads through whatever their origin", () => {
    expect(
      checkMutationRequest(request("GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site" })),
    ).toEqual({ ok: true });
  });

  it("accepts a same-origin JSON write", () => {
    const verdict = checkMutationRequest(
      request("POST", {
        host: "127.0.0.1:3000",
        origin: "http://127.0.0.1:3000",
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
        "content-length": "12",
      }),
    );
    expect(verdict).toEqual({ ok: true });
  });

  it("accepts a JSON write from a script with no browser headers (curl, CI)", () => {
    expect(checkMutationRequest(request("DELETE", {}))).toEqual({ ok: true });
    expect(
      checkMutationRequest(
        request("POST", { "content-type": "application/json; charset=utf-8", "content-length": "2" }),
      ),
    ).toEqual({ ok: true });
  });

  it("refuses a cross-site write by Sec-Fetch-Site", () => {
    const verdict = checkMutationRequest(
      request("POST", { "sec-fetch-site": "cross-site", "content-type": "application/json" }),
    );
    expect(verdict).toMatchObject({ ok: false, status: 403 });
  });

  it("refuses a write whose Origin is another host, even without Sec-Fetch-Site", () => {
    const verdict = checkMutationRequest(
      request("PUT", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:4000", "content-type": "application/json" }),
    );
    expect(verdict).toMatchObject({ ok: false, status: 403 });
    expect(!verdict.ok && verdict.message).toContain("http://127.0.0.1:4000");
  });

  it("refuses form posts, the classic cross-site vector, as not JSON", () => {
    const verdict = checkMutationRequest(
      request("POST", { "content-type": "application/x-www-form-urlencoded", "content-length": "3" }),
    );
    expect(verdict).toMatchObject({ ok: false, status: 415 });
  });

  it("refuses bodies over the size limit before reading them", () => {
    const verdict = checkMutationRequest(
      request("POST", { "content-type": "application/json", "content-length": String(maxJsonBodyBytes + 1) }),
    );
    expect(verdict).toMatchObject({ ok: false, status: 413 });
  });
});

describe("checkPathEncoding", () => {
  it("lets well-encoded paths through, names included", () => {
    expect(checkPathEncoding("/api/istio/objects/bookinfo/VirtualService/reviews")).toEqual({ ok: true });
    expect(checkPathEncoding("/services/%E2%9C%93")).toEqual({ ok: true });
  });

  it("refuses a segment that does not decode, naming it", () => {
    for (const bad of ["/api/istio/objects/bookinfo/VirtualService/%C0%AE", "/api/namespaces/%", "/%E2%9C"]) {
      const verdict = checkPathEncoding(bad);
      expect(verdict).toMatchObject({ ok: false, status: 400, code: "bad_request" });
      expect(!verdict.ok && verdict.message).toContain("is not valid percent-encoded UTF-8");
    }
  });
});

describe("checkHost", () => {
  const loopback = ["localhost", "127.0.0.1", "[::1]"];

  it("answers the loopback names on any port", () => {
    for (const host of ["localhost:3000", "127.0.0.1:8080", "[::1]:3000", "LOCALHOST:3000", "127.0.0.1"]) {
      expect(checkHost(host, loopback), host).toEqual({ ok: true });
    }
  });

  it("refuses a rebound name, naming the setting to change", () => {
    const verdict = checkHost("evil.example:3000", loopback);
    expect(verdict).toMatchObject({ ok: false, status: 403, code: "forbidden" });
    expect(!verdict.ok && verdict.message).toContain("TOPSAIL_ALLOWED_HOSTS");
  });

  it("refuses a missing or malformed Host, and a name that only starts like an allowed one", () => {
    for (const host of [null, "", "localhost.evil.example:3000", "127.0.0.1.nip.io", "localhost:3000@evil"]) {
      expect(checkHost(host, loopback).ok, String(host)).toBe(false);
    }
  });

  it("holds an entry with a port to that port", () => {
    expect(checkHost("topsail.example.com:443", ["topsail.example.com:443"]).ok).toBe(true);
    expect(checkHost("topsail.example.com:8443", ["topsail.example.com:443"]).ok).toBe(false);
  });
});

describe("checkCsrfToken", () => {
  const token = "t".repeat(43);
  const write = (headers: Record<string, string>, path = "/api/thing") => ({
    ...request("POST", headers),
    url: `http://127.0.0.1:3000${path}`,
  });

  it("refuses a write with a session but without the token, saying where to get it", () => {
    const verdict = checkCsrfToken(write({}), token);
    expect(verdict).toMatchObject({ ok: false, status: 403 });
    expect(!verdict.ok && verdict.message).toContain("/api/auth/session");
  });

  it("refuses a write with another token, and accepts the session's own", () => {
    expect(checkCsrfToken(write({ "x-csrf-token": "u".repeat(43) }), token).ok).toBe(false);
    expect(checkCsrfToken(write({ "x-csrf-token": "short" }), token).ok).toBe(false);
    expect(checkCsrfToken(write({ "x-csrf-token": token }), token)).toEqual({ ok: true });
  });

  it("lets reads, signing in, and requests with no session through (the route answers 401 to those)", () => {
    expect(checkCsrfToken({ ...write({}), method: "GET" }, token)).toEqual({ ok: true });
    expect(checkCsrfToken(write({}, "/api/auth/sign-in"), token)).toEqual({ ok: true });
    expect(checkCsrfToken(write({}), undefined)).toEqual({ ok: true });
  });
});
