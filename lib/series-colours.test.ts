import { describe, expect, it } from "vitest";
import {
  assignSeriesColours,
  colourForVersion,
  dashOfSeries,
  neutralSeriesColour,
  seriesPalette,
  versionKeyOf,
} from "./series-colours";

describe("series colours", () => {
  it("gives a version the same colour whatever else a chart or page shows", () => {
    const onePage = assignSeriesColours(["v1", "v2", "v3"]);
    const another = assignSeriesColours(["v2"]);
    expect(onePage("v2")).toBe(another("v2"));
    expect(onePage("v2")).toBe(colourForVersion("v2"));
    expect(new Set(["v1", "v2", "v3"].map(onePage)).size).toBe(3);
  });

  it("keeps other version names apart from each other and from the numbered ones on a page", () => {
    const colour = assignSeriesColours(["v1", "stable", "canary", "reviews · v2"]);
    const used = ["v1", "stable", "canary", "reviews · v2"].map(colour);
    expect(new Set(used).size).toBe(4);
    expect(used.every((c) => (seriesPalette as readonly string[]).includes(c))).toBe(true);
  });

  it("draws what measures no version, or a version Istio could not name, in the neutral colour", () => {
    const colour = assignSeriesColours(["v1", "unknown"]);
    expect(colour(undefined)).toBe(neutralSeriesColour);
    expect(colour("unknown")).toBe(neutralSeriesColour);
    expect(colourForVersion("latest")).toBe(neutralSeriesColour);
  });

  it("reads a series' version from its labels, with the called service outbound", () => {
    expect(versionKeyOf({ destination_canonical_revision: "v2", response_code: "200" })).toBe("v2");
    expect(versionKeyOf({ destination_canonical_service: "reviews", destination_canonical_revision: "v2" })).toBe(
      "reviews · v2",
    );
    expect(versionKeyOf({ quantile: "p95" })).toBeUndefined();
  });

  it("dashes the lines of one version by response class, and the quantiles apart", () => {
    expect(dashOfSeries({ response_code: "200" })).toBeUndefined();
    expect(dashOfSeries({ response_code: "503" })).not.toBe(dashOfSeries({ response_code: "404" }));
    expect(dashOfSeries({ response_code: "0" })).toBeDefined();
    expect(dashOfSeries({ quantile: "p99" })).not.toBe(dashOfSeries({ quantile: "p95" }));
  });
});
