import { queryOptions, useQuery } from "@tanstack/react-query";
import {
  flagExplanationResponseSchema,
  flagExplanationUrl,
  nodeFlagExplanationResponseSchema,
  nodeFlagExplanationUrl,
  type FlagExplanationQuery,
  type NodeFlagExplanationQuery,
} from "@/lib/contracts/flag-explanation";
import { fetchJson } from "./fetch-json";

export const flagExplanationKeys = {
  all: ["flag-explanation"] as const,
  edge: (q: FlagExplanationQuery) => [...flagExplanationKeys.all, flagExplanationUrl(q)] as const,
  node: (q: NodeFlagExplanationQuery) => [...flagExplanationKeys.all, nodeFlagExplanationUrl(q)] as const,
};

export const flagExplanationQuery = (q: FlagExplanationQuery) =>
  queryOptions({
    queryKey: flagExplanationKeys.edge(q),
    queryFn: ({ signal }) => fetchJson(flagExplanationUrl(q), flagExplanationResponseSchema, { signal }),
    // The key holds the graph's window end: a refreshed graph asks again, the same window never changes.
    staleTime: Infinity,
  });

export const nodeFlagExplanationQuery = (q: NodeFlagExplanationQuery) =>
  queryOptions({
    queryKey: flagExplanationKeys.node(q),
    queryFn: ({ signal }) => fetchJson(nodeFlagExplanationUrl(q), nodeFlagExplanationResponseSchema, { signal }),
    // As the edge's: the key holds the window's end.
    staleTime: Infinity,
  });

/** `undefined`: the edge has nothing to explain (the query stays idle). */
export function useFlagExplanation(q: FlagExplanationQuery | undefined) {
  return useQuery({
    ...flagExplanationQuery(q ?? { namespace: "", sourceNamespace: "", destService: "", duration: 0 }),
    enabled: q !== undefined,
  });
}

/** `undefined`: the node has nothing to explain (the query stays idle). */
export function useNodeFlagExplanation(q: NodeFlagExplanationQuery | undefined) {
  return useQuery({
    ...nodeFlagExplanationQuery(q ?? { node: { kind: "service", namespace: "", name: "" }, duration: 0 }),
    enabled: q !== undefined,
  });
}
