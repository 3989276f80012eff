"use client";

import type { AuditEntrySummary } from "@/lib/contracts/audit";

const sourceClass: Record<string, string> = {
  external: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200",
  rollback: "bg-fuchsia-100 text-fuchsia-900 dark:bg-fuchsia-900/40 dark:text-fuchsia-200",
};
// An applied change is the normal case and stays quiet; one in flight or one that never
// reached the cluster must stand out, in words and not only in colour.
const statusClass: Record<string, string> = {
  pending: "bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-200",
  failed: "bg-rose-100 text-rose-900 dark:bg-rose-900/40 dark:text-rose-200",
};

/** One page of entries, newest first, across the page's width; a row's object opens the entry. */
export function AuditTable({
  entries,
  selected,
  loading,
  onSelect,
}: {
  entries: AuditEntrySummary[];
  selected: string | undefined;
  loading: boolean;
  onSelect(id: string): void;
}) {
  return (
    <table className="w-full text-left text-sm" data-testid="audit-table">
      <caption className="sr-only">Audit entries</caption>
      <thead className="text-xs text-slate-500">
        <tr>
          <th className="py-1">When</th>
          <th>Object</th>
          <th>Action</th>
          <th>Status</th>
          <th>Source</th>
          <th>Actor</th>
          <th>Comment</th>
        </tr>
      </thead>
      <tbody>
        {entries.length === 0 && !loading && (
          <tr>
            <td colSpan={7} className="py-3 text-slate-500">
              No changes match these filters.
            </td>
          </tr>
        )}
        {entries.map((e) => (
          <tr
            key={e.id}
            data-entry-id={e.id}
            data-namespace={e.namespace}
            aria-selected={e.id === selected}
            className={`border-t border-slate-200 dark:border-slate-800 ${e.id === selected ? "bg-sky-50 dark:bg-sky-950/40" : ""}`}
          >
            <td className="py-1 pr-2 whitespace-nowrap">
              <time dateTime={e.createdAt}>{new Date(e.createdAt).toLocaleString()}</time>
            </td>
            <td className="pr-2">
              <button
                type="button"
                className="text-left underline decoration-dotted"
                onClick={() => onSelect(e.id)}
                aria-label={`Show ${e.action} of ${e.kind} ${e.namespace}/${e.name} at ${new Date(e.createdAt).toLocaleString()}`}
              >
                {e.kind} {e.namespace}/{e.name}
              </button>
            </td>
            <td className="pr-2">{e.action}</td>
            <td className="pr-2">
              <span
                className={`rounded px-1.5 py-0.5 text-xs ${statusClass[e.status] ?? ""}`}
                title={e.error ?? undefined}
              >
                {e.status}
              </span>
            </td>
            <td className="pr-2">
              <span
                className={`rounded px-1.5 py-0.5 text-xs ${sourceClass[e.source] ?? "bg-slate-100 dark:bg-slate-800"}`}
              >
                {e.source}
              </span>
            </td>
            <td className="pr-2">{e.actor}</td>
            <td className="text-slate-600 dark:text-slate-300">{e.comment ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
