"use client";

/**
 * The logs tab's state lives in the URL beside `tab` and `range`, so a link opens it as it
 * was: `?tab=logs&pod=…&container=istio-proxy&code=503&flag=FI&search=…&view=split&follow=1`.
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

export const logsParamNames = ["pod", "container", "search", "code", "flag", "direction", "view", "follow"] as const;
export type LogsParam = (typeof logsParamNames)[number];
export type LogsUrlState = Partial<Record<LogsParam, string>>;

export function useLogsUrlState(): { state: LogsUrlState; update: (next: LogsUrlState) => void } {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state: LogsUrlState = {};
  for (const name of logsParamNames) {
    const value = search.get(name);
    if (value) state[name] = value;
  }
  const update = useCallback(
    (next: LogsUrlState) => {
      const params = new URLSearchParams(search.toString());
      for (const [name, value] of Object.entries(next)) {
        if (value) params.set(name, value);
        else params.delete(name);
      }
      router.replace(`${pathname}?${params.toString()}`, { scroll: false });
    },
    [search, router, pathname],
  );
  return { state, update };
}
