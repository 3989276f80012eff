"use client";

/**
 * Every proxy's xDS sync status, as `istioctl proxy-status -v 1` lays it out: one row per proxy, a column per type.
 * Proxies that are not SYNCED come first, so a stale one is never below the fold; a filter narrows by name.
 */
import { useState } from "react";
import { xdsTypeNames, type ProxySyncRow } from "@/lib/contracts/mesh";
import { tableClass } from "@/components/inventory/item-parts";
import { SyncStateBadge } from "./sync-state-badge";

const problemsFirst = (a: ProxySyncRow, b: ProxySyncRow) =>
  Number(a.overall === "SYNCED") - Number(b.overall === "SYNCED") ||
  a.namespace.localeCompare(b.namespace) ||
  a.pod.localeCompare(b.pod);

export function ProxySyncTable({ proxies }: { proxies: ProxySyncRow[] }) {
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const rows = proxies.filter((p) => `${p.namespace}/${p.pod}`.includes(needle)).sort(problemsFirst);
  return (
    <div className="space-y-2">
      <label className="flex flex-col text-xs font-medium text-slate-600 dark:text-slate-400">
        Filter proxies
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="mt-1 w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        />
      </label>
      <div className="overflow-x-auto">
        <table className={tableClass} data-testid="proxy-sync-table">
          <caption className="sr-only">Proxy sync status</caption>
          <thead>
            <tr>
              <th scope="col">Proxy</th>
              <th scope="col">Namespace</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              {xdsTypeNames.map((t) => (
                <th key={t} scope="col">
                  {t}
                </th>
              ))}
              <th scope="col">istiod</th>
              <th scope="col">Version</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={`${p.namespace}/${p.pod}`} data-proxy={`${p.namespace}/${p.pod}`}>
                <td className="font-mono text-xs">{p.pod}</td>
                <td>{p.namespace}</td>
                <td>{p.proxyType === "router" ? "gateway" : p.proxyType}</td>
                <td data-column="status">
                  <SyncStateBadge state={p.overall} />
                </td>
                {xdsTypeNames.map((t) => (
                  <td key={t} data-column={t}>
                    <SyncStateBadge state={p.types[t].state} status={p.types[t]} />
                  </td>
                ))}
                <td className="font-mono text-xs">{p.istiod}</td>
                <td>{p.istioVersion}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="text-sm text-slate-500">No proxy matches “{filter}”.</p>}
    </div>
  );
}
