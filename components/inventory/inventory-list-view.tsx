"use client";

/**
 * A list page (applications, workloads or services) over the selected namespaces: one
 * query per namespace, one table, a search box. Without a selection, it asks for one.
 */
import { useState } from "react";
import type { ApplicationItem, InventoryKind, ServiceItem, WorkloadItem } from "@/lib/contracts/inventory";
import { useInventoryLists } from "@/lib/queries/inventory";
import { useSelectedNamespaces } from "@/components/shell/use-selected-namespaces";
import { Notice, tableClass } from "./item-parts";
import { kindLabels } from "./links";
import { applicationColumns, searchText, serviceColumns, workloadColumns, type Column } from "./list-columns";

type ItemOf = { applications: ApplicationItem; workloads: WorkloadItem; services: ServiceItem };
const columnsOf: { [K in InventoryKind]: Column<ItemOf[K]>[] } = {
  applications: applicationColumns,
  workloads: workloadColumns,
  services: serviceColumns,
};

export function InventoryListView<K extends InventoryKind>({ kind }: { kind: K }) {
  const [namespaces] = useSelectedNamespaces();
  const queries = useInventoryLists(kind, namespaces);
  const [search, setSearch] = useState("");
  const label = kindLabels[kind];

  // One list shape per kind; the generic K is lost through useQueries, so name it once here.
  const lists = queries.map((q) => q.data as { items: ItemOf[K][]; metricsError?: string } | undefined);
  const items = lists.flatMap((l) => l?.items ?? []);
  const needle = search.trim().toLowerCase();
  const shown = needle ? items.filter((i) => needle.split(/\s+/).every((word) => searchText(i).includes(word))) : items;
  const errors = queries.filter((q) => q.isError);
  const metricsError = lists.find((l) => l?.metricsError)?.metricsError;
  const pending = queries.some((q) => q.isPending);
  const columns = columnsOf[kind] as Column<ItemOf[K]>[];

  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{label.plural}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {namespaces.length > 0
              ? `In ${namespaces.join(", ")}. Health over the last 5 minutes, with the default thresholds.`
              : "Pick one or more namespaces in the top bar."}
          </p>
        </div>
        <label className="flex flex-col text-xs font-medium text-slate-600 dark:text-slate-400">
          Search
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="name, label=value, version"
            className="mt-1 w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          />
        </label>
      </header>
      {namespaces.length === 0 && (
        <Notice tone="info">Pick a namespace in the top bar to list its {label.plural.toLowerCase()}.</Notice>
      )}
      {errors.map((q, i) => (
        <Notice key={i} tone="error">
          {q.error?.message}
        </Notice>
      ))}
      {metricsError && <Notice tone="info">Health shows replicas only: {metricsError}</Notice>}
      {namespaces.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className={tableClass} aria-label={label.plural} aria-busy={pending}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.header} scope="col">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={`${item.namespace}/${item.name}`} data-name={item.name}>
                  {columns.map((c) => (
                    <td key={c.header} className="align-top">
                      {c.cell(item)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {!pending && shown.length === 0 && (
            <p className="p-4 text-sm text-slate-600 dark:text-slate-400">
              {needle
                ? `No ${label.plural.toLowerCase()} match “${search}”.`
                : `No ${label.plural.toLowerCase()} in these namespaces.`}
            </p>
          )}
          {pending && (
            <p className="p-4 text-sm text-slate-500" role="status">
              Loading {label.plural.toLowerCase()}…
            </p>
          )}
        </div>
      )}
    </div>
  );
}
