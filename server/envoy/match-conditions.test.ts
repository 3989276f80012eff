import { describe, expect, it } from "vitest";
import type { HeaderMatch, RouteMatch } from "@/lib/contracts/envoy";
import { testRoute } from "./match-conditions";

const header = (m: Partial<HeaderMatch> & Pick<HeaderMatch, "name" | "kind">): HeaderMatch => ({
  ignoreCase: false,
  invert: false,
  ...m,
});
const match = (m: Partial<RouteMatch>): RouteMatch => ({
  path: { kind: "prefix", value: "/" },
  caseSensitive: true,
  headers: [],
  queryParameters: [],
  ...m,
});
const request = (headers: Record<string, string>, path = "/") => ({ host: "reviews:9080", path, headers });

describe("a route's conditions", () => {
  it("matches Istio's withoutHeaders (an inverted match) only when the header differs or is absent", () => {
    const m = match({ headers: [header({ name: "end-user", kind: "exact", value: "jason", invert: true })] });
    expect(testRoute(m, request({ "end-user": "jason" })).ok).toBe(false);
    expect(testRoute(m, request({ "end-user": "bob" })).ok).toBe(true);
    expect(testRoute(m, request({})).ok).toBe(true);
  });

  it("tests presence, absence, regexes (whole value) and case-insensitive prefixes", () => {
    expect(testRoute(match({ headers: [header({ name: "x-canary", kind: "present" })] }), request({})).ok).toBe(false);
    expect(testRoute(match({ headers: [header({ name: "x-canary", kind: "absent" })] }), request({})).ok).toBe(true);
    const regex = match({ headers: [header({ name: "cookie", kind: "regex", value: "user=(jason|bob)" })] });
    expect(testRoute(regex, request({ cookie: "user=jason" })).ok).toBe(true);
    expect(testRoute(regex, request({ cookie: "user=jasonx" })).ok).toBe(false);
    const prefix = match({
      headers: [header({ name: "user-agent", kind: "prefix", value: "curl", ignoreCase: true })],
    });
    expect(testRoute(prefix, request({ "user-agent": "CURL/8.5" })).ok).toBe(true);
  });

  it("takes the method from :method, GET when the request names none", () => {
    const post = match({ headers: [header({ name: ":method", kind: "exact", value: "POST" })] });
    expect(testRoute(post, request({})).reasons.at(-1)).toBe('header :method exactly "POST": it is "GET"');
    expect(testRoute(post, request({ ":method": "POST" })).ok).toBe(true);
  });

  it("reads query parameters from the path", () => {
    const m = match({ queryParameters: [header({ name: "u", kind: "exact", value: "test" })] });
    expect(testRoute(m, request({}, "/productpage?u=test")).ok).toBe(true);
    expect(testRoute(m, request({}, "/productpage?u=normal")).ok).toBe(false);
  });

  it("stops at the first condition that fails", () => {
    const m = match({
      path: { kind: "prefix", value: "/api" },
      headers: [header({ name: "end-user", kind: "exact", value: "jason" })],
    });
    expect(testRoute(m, request({ "end-user": "jason" }, "/reviews")).reasons).toEqual([
      "path does not start with /api",
    ]);
  });

  it("refuses a regex JavaScript cannot run rather than guessing", () => {
    const m = match({ path: { kind: "regex", value: "(unclosed" } });
    expect(testRoute(m, request({})).reasons).toEqual(["path regex (unclosed is not one Topsail can run"]);
  });

  it("does not run a regex whose nested repetition would backtrack exponentially in JavaScript", () => {
    const m = match({ path: { kind: "regex", value: "/(a+)+b" } });
    // Run, it would not return before the test's deadline.
    expect(testRoute(m, request({}, `/${"a".repeat(40)}`)).reasons).toEqual([
      "path regex /(a+)+b is not one Topsail can run",
    ]);
  });

  it("folds case when the route is not case-sensitive", () => {
    const m = match({ path: { kind: "path", value: "/ProductPage" }, caseSensitive: false });
    expect(testRoute(m, request({}, "/productpage")).ok).toBe(true);
  });
});
