"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useAuditList, type AuditFilters } from "@/lib/queries/audit";
import { MessageText } from "@/components/ui/message-text";
import { AuditEntryPanel } from "./audit-entry-panel";
import { AuditFiltersBar } from "./audit-filters";

const filterKeys = ["namespace", "kind", "name", "actor", "source", "status", "since", "until"] as const;
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

/**
 * /audit: every change to Istio config and sidecar injection, newest
 * first, filterable; selecting one shows its diff and rollbacks.
 */
export function AuditView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters: AuditFilters = Object.fromEntries(
    filterKeys.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v),
  );
  const selected = params.get("entry") ?? undefined;
  const list = useAuditList(filters);
  const navigate = (next: AuditFilters, entry?: string) => {
    const query = new URLSearchParams(
      Object.entries({ ...next, entry }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
    );
    router.replace(`${pathname}?${query}`, { scroll: false });
  };
  const entries = list.data?.entries ?? [];
  const current = entries.find((e) => e.id === selected);
  return (
    <div className="flex flex-col gap-4 p-4">
      <h1 className="text-xl font-semibold">Audit log</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Every change to Istio config and sidecar injection made through Topsail (wizards, editor, experiments,
        rollbacks), and changes made outside it (kubectl, GitOps), newest first. A change Topsail is still writing shows
        as pending; one that was not applied, as failed.
      </p>
      <AuditFiltersBar value={filters} onChange={(next) => navigate(next)} />
      {list.error && (
        <p role="alert" className="text-sm text-bad">
          <MessageText text={list.error.message} />
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
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
            {entries.length === 0 && !list.isPending && (
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
                    onClick={() => navigate(filters, e.id)}
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
        <div>
          {current ? (
            <AuditEntryPanel key={current.id} summary={current} />
          ) : (
            <p className="text-sm text-slate-500">Select an entry to see its diff and roll back.</p>
          )}
        </div>
      </div>
    </div>
  );
}
