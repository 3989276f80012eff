import { queryOptions, useQuery } from "@tanstack/react-query";
import {
  flagExplanationResponseSchema,
  flagExplanationUrl,
  type FlagExplanationQuery,
} from "@/lib/contracts/flag-explanation";
import { fetchJson } from "./fetch-json";

export const flagExplanationKeys = {
  all: ["flag-explanation"] as const,
  edge: (q: FlagExplanationQuery) => [...flagExplanationKeys.all, flagExplanationUrl(q)] as const,
};

export const flagExplanationQuery = (q: FlagExplanationQuery) =>
  queryOptions({
    queryKey: flagExplanationKeys.edge(q),
    queryFn: ({ signal }) => fetchJson(flagExplanationUrl(q), flagExplanationResponseSchema, { signal }),
    // The key holds the graph's window end: a refreshed graph asks again, the same window never changes.
    staleTime: Infinity,
  });

/** `undefined`: the edge has nothing to explain (the query stays idle). */
export function useFlagExplanation(q: FlagExplanationQuery | undefined) {
  return useQuery({
    ...flagExplanationQuery(q ?? { namespace: "", sourceNamespace: "", destService: "", duration: 0 }),
    enabled: q !== undefined,
  });
}
