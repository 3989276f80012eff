"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { formatGraphUrlState, parseGraphUrlState, type GraphUrlState } from "@/lib/graph-view/url-state";

/** The graph view's state, read from and written to the URL (replace: no history spam). */
export function useGraphUrlState(): [GraphUrlState, (patch: Partial<GraphUrlState>) => void] {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => parseGraphUrlState(search), [search]);
  const update = useCallback(
    (patch: Partial<GraphUrlState>) => {
      const next = formatGraphUrlState(
        { ...parseGraphUrlState(search), ...patch },
        new URLSearchParams(search.toString()),
      );
      router.replace(`${pathname}?${next}`, { scroll: false });
    },
    [search, router, pathname],
  );
  return [state, update];
}
