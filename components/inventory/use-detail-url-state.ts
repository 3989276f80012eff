"use client";

/** The detail page's tab and range live in the URL (`?tab=inbound&range=1800`), so a link reproduces the view. */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { metricRanges } from "@/lib/contracts/metrics";

export const detailTabs = ["overview", "traffic", "inbound", "outbound", "traces", "logs", "envoy"] as const;
export type DetailTab = (typeof detailTabs)[number];

const DEFAULT_RANGE = 1800;

export function useDetailUrlState(): {
  tab: DetailTab;
  range: number;
  update: (next: { tab?: DetailTab; range?: number }) => void;
} {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const tabParam = search.get("tab");
  const tab = (detailTabs as readonly string[]).includes(tabParam ?? "") ? (tabParam as DetailTab) : "overview";
  const rangeParam = Number(search.get("range"));
  const range = (metricRanges as readonly number[]).includes(rangeParam) ? rangeParam : DEFAULT_RANGE;
  const update = useCallback(
    (next: { tab?: DetailTab; range?: number }) => {
      const params = new URLSearchParams(search.toString());
      if (next.tab) params.set("tab", next.tab);
      if (next.range) params.set("range", String(next.range));
      router.replace(`${pathname}?${params.toString()}`, { scroll: false });
    },
    [search, router, pathname],
  );
  return { tab, range, update };
}
