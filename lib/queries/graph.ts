import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { formatGraphQuery, graphResponseSchema, type GraphType } from "@/lib/contracts/graph";
import { toViewGraph } from "@/lib/graph-view/view-model";
import { fetchJson } from "./fetch-json";

export interface GraphParams {
  namespaces: string[];
  graphType: GraphType;
  /** Window, seconds. */
  duration: number;
  idleNodes: boolean;
}

export const graphKeys = {
  all: ["graph"] as const,
  view: (p: GraphParams) => [...graphKeys.all, [...p.namespaces].sort().join(","), p.graphType, p.duration, p.idleNodes] as const,
};

export const graphUrl = (p: GraphParams) =>
  `/api/namespaces/graph?${formatGraphQuery({ namespaces: p.namespaces, graphType: p.graphType, duration: p.duration, idleNodes: p.idleNodes, responseTime: "95" })}`;

/** `refreshMs` 0 = no polling. Without namespaces there is nothing to ask. */
export const graphQuery = (p: GraphParams, refreshMs = 0) =>
  queryOptions({
    queryKey: graphKeys.view(p),
    queryFn: ({ signal }) => fetchJson(graphUrl(p), graphResponseSchema, { signal }),
    enabled: p.namespaces.length > 0,
    refetchInterval: refreshMs > 0 ? refreshMs : false,
    // Keep the old picture while the next window loads, so the canvas never flashes empty.
    placeholderData: keepPreviousData,
    // One conversion per answer (a stable function: TanStack memoises the result).
    select: toViewGraph,
  });

export function useGraph(p: GraphParams, refreshMs = 0) {
  return useQuery(graphQuery(p, refreshMs));
}
