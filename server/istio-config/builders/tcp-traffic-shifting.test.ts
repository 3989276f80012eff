import { describe, expect, it } from "vitest";
import { expectIdempotent, reviewsExisting, reviewsVirtualService } from "./__fixtures__/reviews";
import { buildTcpTrafficShifting, readTcpTrafficShifting } from "./tcp-traffic-shifting";

const input = {
  routes: [
    { subset: "v1", weight: 80 },
    { subset: "v2", weight: 20 },
  ],
};

describe("TCP traffic shifting", () => {
  it("adds a catch-all TCP rule after the matched one, leaving HTTP rules alone", () => {
    const built = buildTcpTrafficShifting(reviewsExisting(), input);
    const expected = reviewsVirtualService();
    expected.spec!.tcp!.push({
      route: [
        { destination: { host: "reviews", subset: "v1" }, weight: 80 },
        { destination: { host: "reviews", subset: "v2" }, weight: 20 },
      ],
    });
    expect(built.virtualService).toEqual(expected);
    expect(built.destinationRule).toBeUndefined();
  });

  it("applying the same split twice changes nothing, and reads back as it was written", () => {
    expectIdempotent(buildTcpTrafficShifting, reviewsExisting(), input);
    const once = buildTcpTrafficShifting(reviewsExisting(), input);
    expect(
      readTcpTrafficShifting(reviewsExisting({ virtualService: once.virtualService ?? null }), ["v1", "v2"]),
    ).toEqual({ supported: true, input });
  });
});
