import { describe, expect, it } from "vitest";
import type { GraphResponse } from "@/lib/contracts/graph";
import type { GraphCompareQuery } from "@/lib/contracts/graph-compare";
import type { GraphRequest } from "./build-graph";
import { compareGraphWindows } from "./compare-windows";

const now = new Date(1_700_000_600_000);
const query: GraphCompareQuery = {
  namespaces: ["bookinfo"],
  graphType: "versionedApp",
  duration: 300,
  before: 1_700_000_000,
  after: 1_700_000_300,
  graphs: false,
};

/** A graph reader that remembers what it was asked and answers an empty graph for that window end. */
function recordingReader() {
  const asked: GraphRequest[] = [];
  const read = async (request: GraphRequest): Promise<GraphResponse> => {
    asked.push(request);
    return {
      timestamp: request.queryTime ?? 0,
      duration: request.duration,
      graphType: request.graphType,
      elements: { nodes: [], edges: [] },
    };
  };
  return { asked, read };
}

describe("comparing two windows of the live graph", () => {
  it("reads the same graph for windows ending at before and at after", async () => {
    const { asked, read } = recordingReader();
    const c = await compareGraphWindows(query, read, now);
    expect(asked.map((r) => [r.queryTime, r.duration, r.namespaces])).toEqual([
      [1_700_000_000, 300, ["bookinfo"]],
      [1_700_000_300, 300, ["bookinfo"]],
    ]);
    expect(c).toMatchObject({ before: 1_700_000_000, after: 1_700_000_300 });
    expect(c.graphs).toBeUndefined();
  });

  it("carries both graphs only when asked to", async () => {
    const c = await compareGraphWindows({ ...query, graphs: true }, recordingReader().read, now);
    expect(c.graphs?.before.timestamp).toBe(1_700_000_000);
    expect(c.graphs?.after.timestamp).toBe(1_700_000_300);
  });

  it("refuses a second window that has not ended, before reading anything", async () => {
    const { asked, read } = recordingReader();
    await expect(compareGraphWindows({ ...query, after: 1_700_000_900 }, read, now)).rejects.toMatchObject({
      code: "bad_request",
      message: "after: the second window ends in 300 s; compare once it has ended",
    });
    expect(asked).toEqual([]);
  });
});
