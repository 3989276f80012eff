/**
 * The Envoy tab's reads: a workload pod's proxy summary and the route a request takes through it. Each read opens a
 * port-forward to the pod, so nothing refetches on a timer or on focus; the tab's Refresh button asks again.
 */
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { envoySummarySchema, routeDecisionSchema } from "@/lib/contracts/envoy";
import { fetchJson } from "./fetch-json";

export interface EnvoyTarget {
  namespace: string;
  workload: string;
  pod: string;
}

export interface RouteQuestion {
  host: string;
  path: string;
  /** `name:value` each. */
  headers: string[];
}

export const envoyKeys = {
  all: ["envoy"] as const,
  pod: (t: EnvoyTarget) => [...envoyKeys.all, t.namespace, t.workload, t.pod] as const,
  summary: (t: EnvoyTarget) => [...envoyKeys.pod(t), "summary"] as const,
  routeMatch: (t: EnvoyTarget, q: RouteQuestion) => [...envoyKeys.pod(t), "route-match", q] as const,
};

const base = (t: EnvoyTarget) =>
  `/api/namespaces/${encodeURIComponent(t.namespace)}/workloads/${encodeURIComponent(t.workload)}/envoy`;

const readOnce = { refetchOnWindowFocus: false, staleTime: 30_000, retry: false } as const;

export function useEnvoySummary(target: EnvoyTarget | undefined) {
  return useQuery({
    queryKey: target ? envoyKeys.summary(target) : [...envoyKeys.all, "none"],
    queryFn: target
      ? ({ signal }) =>
          fetchJson(`${base(target)}?${new URLSearchParams({ pod: target.pod }).toString()}`, envoySummarySchema, {
            signal,
          })
      : skipToken,
    placeholderData: keepPreviousData,
    ...readOnce,
  });
}

export function routeMatchUrl(target: EnvoyTarget, question: RouteQuestion): string {
  const params = new URLSearchParams({ pod: target.pod, host: question.host, path: question.path });
  for (const h of question.headers) params.append("headers", h);
  return `${base(target)}/route-match?${params.toString()}`;
}

export function useRouteMatch(target: EnvoyTarget | undefined, question: RouteQuestion | undefined) {
  return useQuery({
    queryKey: target && question ? envoyKeys.routeMatch(target, question) : [...envoyKeys.all, "none"],
    queryFn:
      target && question
        ? ({ signal }) => fetchJson(routeMatchUrl(target, question), routeDecisionSchema, { signal })
        : skipToken,
    ...readOnce,
  });
}
