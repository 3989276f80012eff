/** The request explainer's query (contract: lib/contracts/request-explanation.ts). */
import { queryOptions, useQuery } from "@tanstack/react-query";
import {
  requestExplanationSchema,
  requestExplanationUrl,
  type RequestExplanationQuery,
} from "@/lib/contracts/request-explanation";
import { fetchJson } from "./fetch-json";

export const requestExplanationKeys = {
  all: ["request-explanation"] as const,
  /** The URL is the question: the same question is the same cache entry. */
  one: (namespace: string, query: RequestExplanationQuery) =>
    [...requestExplanationKeys.all, requestExplanationUrl(namespace, query)] as const,
};

export const requestExplanationQuery = (namespace: string, query: RequestExplanationQuery) =>
  queryOptions({
    queryKey: requestExplanationKeys.one(namespace, query),
    queryFn: ({ signal }) => fetchJson(requestExplanationUrl(namespace, query), requestExplanationSchema, { signal }),
    // An answer about the config as it is now: asked again when the page comes back to it, not polled.
    staleTime: 30_000,
    // A 400 or 404 is about the question (no such workload, a bad port): asking again cannot change it.
    retry: false,
  });

/** `undefined`: no complete question yet (the query stays idle). */
export function useRequestExplanation(question: { namespace: string; query: RequestExplanationQuery } | undefined) {
  const idle: RequestExplanationQuery = { sourceWorkload: "", host: "", path: "/", method: "GET", headers: {} };
  return useQuery({
    ...requestExplanationQuery(question?.namespace ?? "", question?.query ?? idle),
    enabled: question !== undefined,
  });
}
