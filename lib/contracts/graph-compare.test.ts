import { describe, expect, it } from "vitest";
import { formatGraphCompareQuery, parseGraphCompareQuery } from "./graph-compare";

const parse = (query: string) => parseGraphCompareQuery(new URLSearchParams(query));

describe("the graph comparison's parameters", () => {
  it("reads two window ends and the graph's own parameters, and writes them back", () => {
    const parsed = parse("namespaces=bookinfo&before=1700000000&after=1700000300&duration=5m");
    expect(parsed).toEqual({
      ok: true,
      query: {
        namespaces: ["bookinfo"],
        graphType: "versionedApp",
        duration: 300,
        before: 1_700_000_000,
        after: 1_700_000_300,
        graphs: false,
      },
    });
    if (parsed.ok) expect(parse(formatGraphCompareQuery(parsed.query).toString())).toEqual(parsed);
  });

  it("says which window end is missing or malformed", () => {
    expect(parse("namespaces=bookinfo&after=1700000300")).toEqual({
      ok: false,
      message: "before is required: unix seconds (a whole number), the end of that window",
    });
    expect(parse("namespaces=bookinfo&before=yesterday&after=1700000300")).toMatchObject({
      ok: false,
      message: "before must be unix seconds (a whole number), the end of that window",
    });
  });

  it("refuses an after window that ends before the before window", () => {
    expect(parse("namespaces=bookinfo&before=1700000300&after=1700000000")).toEqual({
      ok: false,
      message: "after must be later than before (both are window ends)",
    });
  });
});
