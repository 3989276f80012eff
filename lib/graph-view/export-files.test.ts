import { describe, expect, it } from "vitest";
import { graphExportFileName, graphExports } from "./export-files";

describe("graph export files", () => {
  it("offers JSON and DOT from the API and PNG and SVG from the canvas", () => {
    expect(graphExports.map((e) => `${e.from}:${e.format}`)).toEqual([
      "api:json",
      "api:dot",
      "canvas:png",
      "canvas:svg",
    ]);
  });

  it("names a file after its namespaces (sorted) and the graph's time, in UTC", () => {
    expect(graphExportFileName({ namespaces: ["httpbin", "bookinfo"] }, 1_700_000_000, "png")).toBe(
      "graph-bookinfo+httpbin-20231114-221320.png",
    );
  });

  it("names a focused graph after its node, without path separators", () => {
    expect(
      graphExportFileName({ namespaces: ["bookinfo"], focus: "bookinfo/app/reviews/v2" }, 1_700_000_000, "svg"),
    ).toBe("graph-bookinfo-app-reviews-v2-20231114-221320.svg");
  });
});
