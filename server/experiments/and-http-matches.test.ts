import { describe, expect, it } from "vitest";
import type { HTTPMatchRequest } from "@/lib/istio/types";
import { andHttpMatches, andStringMatch } from "./and-http-matches";

const jason: HTTPMatchRequest[] = [{ headers: { "end-user": { exact: "jason" } } }];
const header = (condition: Record<string, string>): HTTPMatchRequest[] => [{ headers: { "end-user": condition } }];

describe("ANDing a rule's match with an experiment's scope", () => {
  it("is every request when neither side has a condition", () => {
    expect(andHttpMatches(undefined, undefined)).toEqual({ kind: "match", match: undefined });
    expect(andHttpMatches([], [{}])).toEqual({ kind: "match", match: [{}] });
  });

  it("gives the other side when one side matches every request", () => {
    // A catch-all rule (reviews-test-v2's second rule) in scope "jason": jason's requests only.
    expect(andHttpMatches(undefined, jason)).toEqual({ kind: "match", match: jason });
    // Any rule under an empty scope: the rule's own match, unchanged.
    const rule: HTTPMatchRequest[] = [{ name: "api", uri: { prefix: "/api" }, ignoreUriCase: true }];
    expect(andHttpMatches(rule, undefined)).toEqual({ kind: "match", match: rule });
  });

  it("keeps one condition when both ask for the same header value (reviews-test-v2's jason rule in scope jason)", () => {
    expect(andHttpMatches(jason, jason)).toEqual({ kind: "match", match: jason });
  });

  it("drops a pair that can never match: the same header with two different exact values", () => {
    expect(andHttpMatches(jason, header({ exact: "bob" }))).toEqual({ kind: "never" });
  });

  it("decides exact against prefix and prefix against prefix", () => {
    expect(andHttpMatches(jason, header({ prefix: "ja" }))).toEqual({ kind: "match", match: jason });
    expect(andHttpMatches(header({ prefix: "ja" }), jason)).toEqual({ kind: "match", match: jason });
    expect(andHttpMatches(jason, header({ prefix: "bo" }))).toEqual({ kind: "never" });
    expect(andHttpMatches(header({ prefix: "ja" }), header({ prefix: "jas" }))).toEqual({
      kind: "match",
      match: header({ prefix: "jas" }),
    });
    expect(andHttpMatches(header({ prefix: "ja" }), header({ prefix: "bo" }))).toEqual({ kind: "never" });
  });

  it("lets a presence condition ({}) give way to the other", () => {
    expect(andHttpMatches(header({}), jason)).toEqual({ kind: "match", match: jason });
    expect(andHttpMatches(jason, header({}))).toEqual({ kind: "match", match: jason });
  });

  it("reports a pair one match block cannot hold: a regex against another condition on the same header", () => {
    expect(andHttpMatches(header({ regex: "j.*" }), header({ prefix: "ja" }))).toEqual({
      kind: "inexpressible",
      field: "headers.end-user",
      left: { regex: "j.*" },
      right: { prefix: "ja" },
    });
    expect(andHttpMatches(header({ regex: "j.*" }), jason)).toMatchObject({
      kind: "inexpressible",
      field: "headers.end-user",
    });
    expect(andHttpMatches(header({ regex: "j.*" }), header({ regex: "ja.*" }))).toMatchObject({
      kind: "inexpressible",
    });
    // The same regex on both sides is one condition.
    expect(andHttpMatches(header({ regex: "j.*" }), header({ regex: "j.*" }))).toEqual({
      kind: "match",
      match: header({ regex: "j.*" }),
    });
  });

  it("merges different fields into one block, keeping the rule's block name", () => {
    const rule: HTTPMatchRequest[] = [
      { name: "api", uri: { prefix: "/api" }, method: { exact: "GET" }, headers: { "x-canary": { exact: "1" } } },
    ];
    expect(andHttpMatches(rule, jason)).toEqual({
      kind: "match",
      match: [
        {
          name: "api",
          uri: { prefix: "/api" },
          method: { exact: "GET" },
          headers: { "x-canary": { exact: "1" }, "end-user": { exact: "jason" } },
        },
      ],
    });
  });

  it("ORs the blocks as the cross product, leaving out the pairs that never match and duplicates", () => {
    const rule: HTTPMatchRequest[] = [
      { uri: { exact: "/login" } },
      { headers: { "end-user": { exact: "bob" } } },
      { uri: { prefix: "/api" } },
    ];
    expect(andHttpMatches(rule, jason)).toEqual({
      kind: "match",
      match: [
        { uri: { exact: "/login" }, headers: { "end-user": { exact: "jason" } } },
        { uri: { prefix: "/api" }, headers: { "end-user": { exact: "jason" } } },
      ],
    });
    const scope: HTTPMatchRequest[] = [
      { headers: { "end-user": { exact: "jason" } } },
      { headers: { "end-user": { exact: "kim" } } },
    ];
    expect(andHttpMatches([{ uri: { prefix: "/a" } }], scope)).toEqual({
      kind: "match",
      match: [
        { uri: { prefix: "/a" }, headers: { "end-user": { exact: "jason" } } },
        { uri: { prefix: "/a" }, headers: { "end-user": { exact: "kim" } } },
      ],
    });
    // Two rule blocks that become the same block once ANDed are written once.
    expect(andHttpMatches([...header({ prefix: "j" }), ...header({ prefix: "ja" })], jason)).toEqual({
      kind: "match",
      match: jason,
    });
  });

  it("refuses the whole AND when any pair is inexpressible, even if others could be written", () => {
    expect(andHttpMatches([{ uri: { prefix: "/a" } }, ...header({ regex: "j.*" })], jason)).toMatchObject({
      kind: "inexpressible",
      field: "headers.end-user",
    });
  });

  it("is never when the block excludes the very header value the scope asks for", () => {
    expect(andHttpMatches([{ withoutHeaders: { "end-user": { exact: "jason" } } }], jason)).toEqual({ kind: "never" });
    expect(andHttpMatches([{ withoutHeaders: { "end-user": { prefix: "j" } } }], jason)).toEqual({ kind: "never" });
    expect(andHttpMatches([{ withoutHeaders: { "end-user": {} } }], jason)).toEqual({ kind: "never" });
    // Excluding another value is compatible: both conditions go into the block.
    expect(andHttpMatches([{ withoutHeaders: { "end-user": { exact: "bob" } } }], jason)).toEqual({
      kind: "match",
      match: [{ headers: { "end-user": { exact: "jason" } }, withoutHeaders: { "end-user": { exact: "bob" } } }],
    });
  });

  it("reports two different exclusions of one header as inexpressible", () => {
    expect(
      andHttpMatches([{ withoutHeaders: { "x-a": { exact: "1" } } }], [{ withoutHeaders: { "x-a": { exact: "2" } } }]),
    ).toMatchObject({ kind: "inexpressible", field: "withoutHeaders.x-a" });
  });

  it("requires port, source namespace and source labels to agree, and intersects gateways", () => {
    expect(andHttpMatches([{ port: 9080 }], [{ port: 9081 }])).toEqual({ kind: "never" });
    expect(andHttpMatches([{ sourceNamespace: "a" }], [{ sourceNamespace: "b" }])).toEqual({ kind: "never" });
    expect(andHttpMatches([{ sourceLabels: { app: "productpage" } }], [{ sourceLabels: { app: "reviews" } }])).toEqual({
      kind: "never",
    });
    expect(andHttpMatches([{ sourceLabels: { app: "productpage" } }], [{ sourceLabels: { version: "v1" } }])).toEqual({
      kind: "match",
      match: [{ sourceLabels: { app: "productpage", version: "v1" } }],
    });
    expect(andHttpMatches([{ gateways: ["mesh", "gw"] }], [{ gateways: ["gw"] }])).toEqual({
      kind: "match",
      match: [{ gateways: ["gw"] }],
    });
    expect(andHttpMatches([{ gateways: ["mesh"] }], [{ gateways: ["gw"] }])).toEqual({ kind: "never" });
  });

  it("combines query parameters like headers, and refuses a case-insensitive uri it cannot combine", () => {
    expect(andHttpMatches([{ queryParams: { v: { exact: "1" } } }], [{ queryParams: { v: { exact: "2" } } }])).toEqual({
      kind: "never",
    });
    expect(andHttpMatches([{ uri: { prefix: "/A" }, ignoreUriCase: true }], [{ uri: { prefix: "/a" } }])).toMatchObject(
      { kind: "inexpressible", field: "uri" },
    );
  });
});

describe("ANDing two conditions on one string", () => {
  it("reads the first of exact, prefix, regex as the condition, as a proxy does", () => {
    expect(andStringMatch({ exact: "jason", prefix: "x" }, { prefix: "ja" }, "h")).toEqual({
      kind: "value",
      value: { exact: "jason", prefix: "x" },
    });
  });
});
