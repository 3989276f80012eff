/**
 * The graph comparison behind `GET /api/namespaces/graph/compare`: the same graph built for
 * two windows (each `duration` long, ending at `before` and at `after`, Kiali's `queryTime`)
 * and compared by lib/graph-compare/compare-graphs.ts. The graph reader is passed in, so the
 * route reads through `getGraph` (the viewer's visibility, the query cache) and the
 * integration test through `buildGraph` on its own sources.
 */
import "server-only";
import type { GraphResponse } from "@/lib/contracts/graph";
import type { GraphCompareQuery, GraphComparison } from "@/lib/contracts/graph-compare";
import { compareGraphs } from "@/lib/graph-compare/compare-graphs";
import { TopsailError } from "@/server/errors";
import type { GraphRequest } from "./build-graph";

/** A window may end this far past the server's clock: the browser's clock is not the server's. */
const FUTURE_SLACK_SECONDS = 30;

export async function compareGraphWindows(
  query: GraphCompareQuery,
  readGraph: (request: GraphRequest) => Promise<GraphResponse>,
  now: Date = new Date(),
): Promise<GraphComparison> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  // A window that has not ended yet would be compared on part of its traffic, and its
  // edges would read as falling: refuse rather than report a drop that is not there.
  if (query.after > nowSeconds + FUTURE_SLACK_SECONDS)
    throw new TopsailError(
      "bad_request",
      `after: the second window ends in ${query.after - nowSeconds} s; compare once it has ended`,
    );
  const request = (queryTime: number): GraphRequest => ({
    namespaces: query.namespaces,
    graphType: query.graphType,
    duration: query.duration,
    idleNodes: false,
    responseTime: "95",
    queryTime: Math.min(queryTime, nowSeconds),
  });
  const [before, after] = await Promise.all([readGraph(request(query.before)), readGraph(request(query.after))]);
  const comparison = compareGraphs(before, after);
  return query.graphs ? { ...comparison, graphs: { before, after } } : comparison;
}
