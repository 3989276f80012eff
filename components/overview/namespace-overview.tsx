"use client";

/**
 * The Overview's namespace cards, with a name filter and a sort. The selection in the top
 * bar narrows the cards; without one, every namespace shows.
 */
import { useState } from "react";
import type { NamespaceOverview } from "@/lib/contracts/overview";
import { ApiError } from "@/lib/queries/fetch-json";
import { useOverview } from "@/lib/queries/overview";
import { Notice } from "@/components/inventory/item-parts";
import { useSelectedNamespaces } from "@/components/shell/use-selected-namespaces";
import { NamespaceCard } from "./namespace-card";
import { compareByProblems } from "./namespace-problems";

const last = (points: [number, number][]) => points.at(-1)?.[1] ?? 0;
/** Requests first; between namespaces without requests, TCP bytes (rates in different units never compare). */
const busiestFirst = (a: NamespaceOverview, b: NamespaceOverview) =>
  last(b.inboundRate) - last(a.inboundRate) ||
  last(b.inboundTcpRate) - last(a.inboundTcpRate) ||
  a.name.localeCompare(b.name);

/** The sorts offered, as data. */
const sorts = {
  name: { label: "Name", compare: (a: NamespaceOverview, b: NamespaceOverview) => a.name.localeCompare(b.name) },
  health: {
    label: "Most problems first",
    compare: compareByProblems,
  },
  traffic: {
    label: "Busiest first",
    compare: busiestFirst,
  },
} as const;
type SortKey = keyof typeof sorts;

const inputClass =
  "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";

export function NamespaceOverviewSection() {
  const [selected] = useSelectedNamespaces();
  const overview = useOverview(selected);
  const [filter, setFilter] = useState("");
  const [sort, setSort] = useState<SortKey>("name");

  const cards = (overview.data?.namespaces ?? [])
    .filter((ns) => ns.name.includes(filter.trim().toLowerCase()))
    .sort(sorts[sort].compare);

  return (
    <section aria-labelledby="namespaces-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="namespaces-heading" className="text-lg font-medium">
          Namespaces
        </h2>
        <div className="flex gap-3">
          <label className="flex flex-col text-xs font-medium text-slate-600 dark:text-slate-400">
            Filter by name
            <input
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              className={`${inputClass} w-48`}
            />
          </label>
          <label className="flex flex-col text-xs font-medium text-slate-600 dark:text-slate-400">
            Sort
            <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)} className={inputClass}>
              {(Object.keys(sorts) as SortKey[]).map((k) => (
                <option key={k} value={k}>
                  {sorts[k].label}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {overview.isPending && <Notice tone="info">Reading namespaces…</Notice>}
      {overview.isError &&
        // Not connected is explained by the Kubernetes card above; one alert for it is enough.
        (overview.error instanceof ApiError && overview.error.code === "kube_unavailable" ? (
          <Notice tone="info">Namespaces show once Topsail reaches Kubernetes (see the Kubernetes card).</Notice>
        ) : (
          <Notice tone="error">{overview.error.message}</Notice>
        ))}
      {overview.data?.metricsError && (
        <Notice tone="info">Health and traffic need Prometheus: {overview.data.metricsError}</Notice>
      )}
      {overview.data && cards.length === 0 && <Notice tone="info">No namespace matches “{filter}”.</Notice>}
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {cards.map((ns) => (
          <NamespaceCard
            key={ns.name}
            ns={ns}
            sparklineMinutes={Math.round((overview.data?.sparklineSeconds ?? 1800) / 60)}
          />
        ))}
      </div>
    </section>
  );
}
