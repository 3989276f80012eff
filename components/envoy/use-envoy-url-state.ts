"use client";

/**
 * The Envoy tab's state in the URL, so a link opens a given view of a given pod, and a route question answered:
 * `?tab=envoy&envoy=routes&pod=POD&routeHost=reviews:9080&routePath=/reviews/0&routeHeader=end-user:jason` (the Logs
 * and Traces tabs link here that way).
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import type { RouteQuestion } from "@/lib/queries/envoy";

export const envoyViews = ["clusters", "listeners", "routes", "endpoints"] as const;
export type EnvoyView = (typeof envoyViews)[number];

export interface EnvoyUrlState {
  view: EnvoyView;
  pod: string | undefined;
  /** The request asked about, when the URL names a host. */
  question: RouteQuestion | undefined;
}

export interface EnvoyUrlChange {
  view?: EnvoyView;
  pod?: string;
  /** null clears the question. */
  question?: RouteQuestion | null;
}

export function useEnvoyUrlState(): EnvoyUrlState & { update: (next: EnvoyUrlChange) => void } {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const viewParam = search.get("envoy");
  const host = search.get("routeHost");
  const view = (envoyViews as readonly string[]).includes(viewParam ?? "")
    ? (viewParam as EnvoyView)
    : host
      ? "routes"
      : "clusters";
  const question = host
    ? { host, path: search.get("routePath") || "/", headers: search.getAll("routeHeader") }
    : undefined;
  const update = useCallback(
    (next: EnvoyUrlChange) => {
      const params = new URLSearchParams(search.toString());
      params.set("tab", "envoy");
      if (next.view) params.set("envoy", next.view);
      if (next.pod) params.set("pod", next.pod);
      if (next.question !== undefined) {
        for (const name of ["routeHost", "routePath", "routeHeader"]) params.delete(name);
        if (next.question) {
          params.set("routeHost", next.question.host);
          params.set("routePath", next.question.path);
          for (const h of next.question.headers) params.append("routeHeader", h);
        }
      }
      router.replace(`${pathname}?${params.toString()}`, { scroll: false });
    },
    [search, router, pathname],
  );
  return { view, pod: search.get("pod") ?? undefined, question, update };
}

/** The link the Logs and Traces tabs use to open the route a request took. */
export function envoyRouteHref(
  workloadPath: string,
  target: { pod: string; host: string; path: string; headers?: readonly string[] },
): string {
  const params = new URLSearchParams({
    tab: "envoy",
    envoy: "routes",
    pod: target.pod,
    routeHost: target.host,
    routePath: target.path,
  });
  for (const h of target.headers ?? []) params.append("routeHeader", h);
  return `${workloadPath}?${params.toString()}`;
}
