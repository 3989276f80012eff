import { describe, expect, it } from "vitest";
import { checkMutationRequest, checkPathEncoding, maxJsonBodyBytes } from "./request-guard";

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
