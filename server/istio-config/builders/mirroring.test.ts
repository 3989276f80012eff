import { describe, expect, it } from "vitest";
import {
  applied,
  expectIdempotent,
  reviewsDestinationRule,
  reviewsExisting,
  reviewsVirtualService,
} from "./__fixtures__/reviews";
import { buildMirroring, readMirroring } from "./mirroring";

const input = { target: { kind: "all" as const }, mirror: { subset: "v3", percentage: 25 } };

describe("mirroring", () => {
  it("mirrors the catch-all to a new subset, adding it to the DestinationRule", () => {
    const built = buildMirroring(reviewsExisting(), input);
    const vs = reviewsVirtualService();
    vs.spec!.http![2]!.mirror = { host: "reviews", subset: "v3" };
    vs.spec!.http![2]!.mirrorPercentage = { value: 25 };
    expect(built.virtualService).toEqual(vs);
    const dr = reviewsDestinationRule();
    dr.spec!.subsets!.push({ name: "v3", labels: { version: "v3" } });
    expect(built.destinationRule).toEqual(dr);
  });

  it("removing the mirror restores the VirtualService", () => {
    const once = applied(reviewsExisting(), buildMirroring(reviewsExisting(), input));
    expect(buildMirroring(once, { target: { kind: "all" }, mirror: null }).virtualService).toEqual(
      reviewsVirtualService(),
    );
  });

  it("applying the same mirror twice changes nothing, and it reads back", () => {
    expectIdempotent(buildMirroring, reviewsExisting(), input);
    const once = applied(reviewsExisting(), buildMirroring(reviewsExisting(), input));
    expect(readMirroring(once)).toEqual({ supported: true, input });
  });

  it("steps aside for the mirrors list", () => {
    const vs = reviewsVirtualService();
    vs.spec!.http![2]!.mirrors = [{ destination: { host: "reviews", subset: "v2" } }];
    expect(readMirroring(reviewsExisting({ virtualService: vs }))).toMatchObject({ supported: false });
  });
});
