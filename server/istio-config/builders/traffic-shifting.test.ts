import { describe, expect, it } from "vitest";
import {
  expectIdempotent,
  reviewsDestinationRule,
  reviewsExisting,
  reviewsVirtualService,
} from "./__fixtures__/reviews";
import { buildTrafficShifting, readTrafficShifting } from "./traffic-shifting";

const input = {
  routes: [
    { subset: "v1", weight: 50 },
    { subset: "v2", weight: 0 },
    { subset: "v3", weight: 50 },
  ],
};

describe("traffic shifting", () => {
  it("rewrites only the catch-all's destinations, keeping its other fields and every other rule", () => {
    const built = buildTrafficShifting(reviewsExisting(), input);
    const expected = reviewsVirtualService();
    const catchAll = expected.spec!.http![2]!;
    catchAll.route = [
      {
        destination: { host: "reviews", subset: "v1", port: { number: 9080 } },
        headers: { response: { set: { "x-version": "v1" } } },
        weight: 50,
      },
      { destination: { host: "reviews", subset: "v3", port: { number: 9080 } }, weight: 50 },
    ];
    expect(built.virtualService).toEqual(expected);
  });

  it("adds a missing subset from the version label and keeps the DestinationRule's policies", () => {
    const built = buildTrafficShifting(reviewsExisting(), input);
    const expected = reviewsDestinationRule();
    expected.spec!.subsets!.push({ name: "v3", labels: { version: "v3" } });
    expect(built.destinationRule).toEqual(expected);
  });

  it("leaves the DestinationRule alone when every subset exists", () => {
    expect(
      buildTrafficShifting(reviewsExisting(), {
        routes: [
          { subset: "v1", weight: 30 },
          { subset: "v2", weight: 70 },
        ],
      }).destinationRule,
    ).toBeUndefined();
  });

  it("creates a VirtualService and a DestinationRule for a service that has neither", () => {
    const built = buildTrafficShifting(reviewsExisting({ virtualService: null, destinationRule: null }), {
      routes: [{ subset: "v1", weight: 100 }],
    });
    expect(built.virtualService?.spec).toEqual({
      hosts: ["reviews"],
      http: [{ route: [{ destination: { host: "reviews", subset: "v1" } }] }],
    });
    expect(built.destinationRule?.spec).toEqual({
      host: "reviews",
      subsets: [{ name: "v1", labels: { version: "v1" } }],
    });
  });

  it("applying the same split twice changes nothing", () => {
    expectIdempotent(buildTrafficShifting, reviewsExisting(), input);
    expectIdempotent(buildTrafficShifting, reviewsExisting({ virtualService: null, destinationRule: null }), input);
  });

  it("refuses a subset that is neither in the DestinationRule nor a workload version, naming the field", () => {
    expect(() => buildTrafficShifting(reviewsExisting(), { routes: [{ subset: "v9", weight: 100 }] })).toThrow(
      /routes: v9 is neither/,
    );
  });

  it("reads the catch-all back as sliders, one per offered subset", () => {
    const once = buildTrafficShifting(reviewsExisting(), input);
    const read = readTrafficShifting(reviewsExisting({ virtualService: once.virtualService ?? null }), [
      "v1",
      "v2",
      "v3",
    ]);
    expect(read).toEqual({ supported: true, input });
  });

  it("starts from an even split when nothing routes the service yet", () => {
    expect(readTrafficShifting(reviewsExisting({ virtualService: null }), ["v1", "v2", "v3"])).toEqual({
      supported: true,
      input: {
        routes: [
          { subset: "v1", weight: 34 },
          { subset: "v2", weight: 33 },
          { subset: "v3", weight: 33 },
        ],
      },
    });
  });

  it("says so when the catch-all routes somewhere the sliders cannot show", () => {
    const vs = reviewsVirtualService();
    vs.spec!.http![2]!.route = [{ destination: { host: "ratings" } }];
    const read = readTrafficShifting(reviewsExisting({ virtualService: vs }), ["v1"]);
    expect(read).toMatchObject({ supported: false, reason: expect.stringMatching(/routes to ratings/) });
  });
});
