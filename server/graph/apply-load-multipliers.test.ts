import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { graphResponseSchema, type GraphResponse } from "@/lib/contracts/graph";
import { analyzeBudget } from "@/server/diagnosis";
import { BOOKINFO_APP } from "@/server/diagnosis/test-support/bookinfo";
import { contextFrom } from "@/server/validation/test-support/fixtures";
import { applyLoadMultipliers, prepareLoadMultipliers } from "./apply-load-multipliers";

/** Bookinfo's recorded versioned-app graph, as the route answered it. */
const recordedGraph = (): GraphResponse =>
  graphResponseSchema.parse(
    JSON.parse(readFileSync(new URL("./__golden__/bookinfo-versionedApp.json", import.meta.url), "utf8")),
  );

const ratingsRetrying5xx = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ratings, namespace: bookinfo }
spec:
  hosts: [ratings]
  http: [{ route: [{ destination: { host: ratings } }], retries: { attempts: 2, retryOn: 5xx } }]
`;

/** `source workload → target workload: load` for every edge that got the field. */
function loads(graph: GraphResponse): string[] {
  const name = new Map(graph.elements.nodes.map((n) => [n.data.id, n.data.workload ?? n.data.service ?? n.data.app]));
  return graph.elements.edges
    .filter((e) => e.data.worstCaseLoad !== undefined)
    .map((e) => `${name.get(e.data.source)} → ${name.get(e.data.target)}: ${e.data.worstCaseLoad}`)
    .sort();
}

describe("the graph's worst-case load per edge", () => {
  it("shows productpage's 2 tries on reviews and 6 calls to ratings when a ratings route retries 5xx", () => {
    const budget = analyzeBudget(contextFrom(`${BOOKINFO_APP}\n---\n${ratingsRetrying5xx}`), "bookinfo");
    expect(loads(applyLoadMultipliers(recordedGraph(), [budget]))).toEqual([
      "productpage-v1 → details-v1: 1",
      "productpage-v1 → reviews-v1: 2",
      "productpage-v1 → reviews-v2: 2",
      "productpage-v1 → reviews-v3: 2",
      "reviews-v2 → ratings-v1: 6",
      "reviews-v3 → ratings-v1: 6",
    ]);
  });

  it("leaves the graph as it was when the budgets cannot be read", async () => {
    const withLoad = prepareLoadMultipliers(["bookinfo"], () => Promise.reject(new Error("no cache")));
    const graph = await withLoad(recordedGraph());
    expect(loads(graph)).toEqual([]);
    expect(graph.elements.edges.length).toBeGreaterThan(0);
  });
});
