import { describe, expect, it } from "vitest";
import type { RequestRoutingInput } from "@/lib/contracts/traffic";
import { applied, expectIdempotent, reviewsExisting, reviewsVirtualService } from "./__fixtures__/reviews";
import { buildRequestRouting, readRequestRouting } from "./request-routing";

const noMatch = { headers: [], uri: null, method: null };

describe("request routing", () => {
  it("reads every rule with its matches and routes", () => {
    expect(readRequestRouting(reviewsExisting())).toEqual({
      supported: true,
      input: {
        rules: [
          {
            sourceIndex: 0,
            matches: [{ ...noMatch, headers: [{ name: "end-user", type: "exact", value: "jason" }] }],
            routes: [{ subset: "v2", weight: 100 }],
          },
          {
            sourceIndex: 1,
            matches: [{ ...noMatch, uri: { type: "prefix", value: "/admin" } }],
            routes: [{ subset: "v1", weight: 100 }],
          },
          { sourceIndex: 2, matches: [], routes: [{ subset: "v1", weight: 100 }] },
        ],
      },
    });
  });

  it("reorders, edits and adds rules while each kept rule keeps its other fields", () => {
    const input: RequestRoutingInput = {
      rules: [
        {
          sourceIndex: 1,
          matches: [{ ...noMatch, uri: { type: "prefix", value: "/admin" }, method: "POST" }],
          routes: [{ subset: "v1", weight: 100 }],
        },
        {
          sourceIndex: 0,
          matches: [{ ...noMatch, headers: [{ name: "end-user", type: "exact", value: "jason" }] }],
          routes: [
            { subset: "v2", weight: 60 },
            { subset: "v3", weight: 40 },
          ],
        },
        {
          matches: [{ ...noMatch, headers: [{ name: "x-canary", type: "regex", value: "^(1|true)$" }] }],
          routes: [{ subset: "v3", weight: 100 }],
        },
        { sourceIndex: 2, matches: [], routes: [{ subset: "v1", weight: 100 }] },
      ],
    };
    const built = buildRequestRouting(reviewsExisting(), input);
    const live = reviewsVirtualService().spec!.http!;
    expect(built.virtualService?.spec?.http).toEqual([
      { ...live[1], match: [{ uri: { prefix: "/admin" }, method: { exact: "POST" } }] },
      {
        ...live[0],
        route: [
          { destination: { host: "reviews", subset: "v2" }, weight: 60 },
          { destination: { host: "reviews", subset: "v3" }, weight: 40 },
        ],
      },
      {
        match: [{ headers: { "x-canary": { regex: "^(1|true)$" } } }],
        route: [{ destination: { host: "reviews", subset: "v3" } }],
      },
      live[2],
    ]);
    expect(built.virtualService?.spec?.tcp).toEqual(reviewsVirtualService().spec!.tcp);
    expect(built.destinationRule?.spec?.subsets?.map((s) => s.name)).toEqual(["v1", "v2", "v3"]);
  });

  it("re-applying what it read changes nothing; the same input twice changes nothing", () => {
    const read = readRequestRouting(reviewsExisting());
    if (!read.supported) throw new Error(read.reason);
    expect(buildRequestRouting(reviewsExisting(), read.input).virtualService).toEqual(reviewsVirtualService());
    const withoutIndexes = { rules: read.input.rules.map(({ sourceIndex: _i, ...rule }) => rule).reverse() };
    expectIdempotent(buildRequestRouting, reviewsExisting(), withoutIndexes);
    const once = applied(reviewsExisting(), buildRequestRouting(reviewsExisting(), withoutIndexes));
    expect(once.virtualService?.spec?.http?.[2]).toEqual(reviewsVirtualService().spec!.http![0]);
  });

  it("steps aside for matches it cannot show", () => {
    const vs = reviewsVirtualService();
    vs.spec!.http![1]!.match = [{ queryParams: { debug: { exact: "1" } } }];
    expect(readRequestRouting(reviewsExisting({ virtualService: vs }))).toMatchObject({
      supported: false,
      reason: expect.stringMatching(/queryParams/),
    });
  });

  it("names the field of a sourceIndex that does not exist", () => {
    expect(() =>
      buildRequestRouting(reviewsExisting(), {
        rules: [{ sourceIndex: 9, matches: [], routes: [{ subset: "v1", weight: 100 }] }],
      }),
    ).toThrow(/rules\.0\.sourceIndex/);
  });
});
