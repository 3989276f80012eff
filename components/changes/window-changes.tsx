"use client";

/**
 * "Changes in this window": every change to mesh config filed in the given namespaces over
 * the last `seconds` (the graph's time range), newest first, each opening its diff and undo.
 */
import { useQueries } from "@tanstack/react-query";
import type { ChangeList as List } from "@/lib/contracts/changes";
import { changesQuery } from "@/lib/queries/changes";
import { ChangeList } from "./change-list";

export function WindowChanges({ namespaces, seconds }: { namespaces: readonly string[]; seconds: number }) {
  const results = useQueries({
    queries: namespaces.map((namespace) => changesQuery({ namespace, window: { last: seconds } })),
  });
  const failed = results.find((r) => r.error);
  const lists = results.flatMap((r) => (r.data ? [r.data] : []));
  const merged: List = {
    namespace: namespaces.join(","),
    from: lists[0]?.from ?? "",
    to: lists[0]?.to ?? "",
    target: null,
    changes: lists.flatMap((l) => l.changes).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    truncated: lists.some((l) => l.truncated),
  };
  return (
    <section aria-label="Changes in this window" className="space-y-1">
      <h3 className="text-sm font-medium">Changes in this window ({merged.changes.length})</h3>
      {failed?.error && (
        <p role="alert" className="text-xs text-bad">
          Cannot list the changes: {failed.error.message}
        </p>
      )}
      {results.some((r) => r.isPending) ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : (
        <ChangeList
          list={merged}
          label="Changes to mesh config in the graph's window"
          onChanged={() => results.forEach((r) => void r.refetch())}
        />
      )}
    </section>
  );
}
