import { queryOptions, useQuery } from "@tanstack/react-query";
import { formatGraphCompareQuery, graphComparisonSchema, type GraphComparison } from "@/lib/contracts/graph-compare";
import type { GraphType } from "@/lib/contracts/graph";
import { toCompareViewGraph } from "@/lib/graph-view/compare-view";
import type { ViewGraph } from "@/lib/graph-view/view-model";
import { fetchJson } from "./fetch-json";

export interface GraphCompareParams {
  namespaces: string[];
  graphType: GraphType;
  /** Each window's length, seconds. */
  duration: number;
  /** Window ends, unix seconds. */
  before: number;
  after: number;
}

export const graphCompareKeys = {
  all: ["graph-compare"] as const,
  view: (p: GraphCompareParams) =>
    [...graphCompareKeys.all, [...p.namespaces].sort().join(","), p.graphType, p.duration, p.before, p.after] as const,
};

/** The comparison's URL; `graphs` adds both graphs (the page draws them; the JSON download leaves them out). */
export const graphCompareUrl = (p: GraphCompareParams, graphs: boolean) =>
  `/api/namespaces/graph/compare?${formatGraphCompareQuery({ ...p, graphs })}`;

export interface ComparedGraph {
  comparison: GraphComparison;
  /** The after graph with what vanished, marked (lib/graph-view/compare-view.ts). */
  graph: ViewGraph;
}

const toCompared = (comparison: GraphComparison): ComparedGraph => {
  if (!comparison.graphs) throw new Error("the comparison came without its graphs");
  return { comparison, graph: toCompareViewGraph(comparison, comparison.graphs) };
};

export const graphCompareQuery = (p: GraphCompareParams) =>
  queryOptions({
    queryKey: graphCompareKeys.view(p),
    queryFn: ({ signal }) => fetchJson(graphCompareUrl(p, true), graphComparisonSchema, { signal }),
    enabled: p.namespaces.length > 0,
    // Two past windows read the same until their data leaves Prometheus: no refetching.
    staleTime: Infinity,
    select: toCompared,
  });

/** `null`: not comparing (the query stays idle). */
export function useGraphComparison(p: GraphCompareParams | null) {
  return useQuery({
    ...graphCompareQuery(p ?? { namespaces: [], graphType: "versionedApp", duration: 300, before: 0, after: 1 }),
    enabled: p !== null && p.namespaces.length > 0,
  });
}
