"use client";

/**
 * "What changed in bookinfo between 14:00 and 14:30?": a namespace and two local times, and
 * every change to mesh config filed in it between them (GET /api/namespaces/{ns}/changes),
 * each opening its diff and undo. Its own section beside the audit log's table, so the two
 * evolve apart: the table pages through the whole log, this answers one window.
 */
import { useState } from "react";
import { useChanges } from "@/lib/queries/changes";
import { useNamespaces } from "@/lib/queries/namespaces";
import { MessageText } from "@/components/ui/message-text";
import { ChangeList } from "./change-list";

const fieldClass =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm font-normal dark:border-slate-600 dark:bg-slate-900";

/** `datetime-local` values are local wall-clock times without a zone. */
function toLocalInput(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
const toUnixSeconds = (value: string) => Math.floor(new Date(value).getTime() / 1000);

export function NamespaceChanges() {
  const namespaces = useNamespaces();
  const [namespace, setNamespace] = useState("");
  const [from, setFrom] = useState(() => toLocalInput(new Date(Date.now() - 30 * 60_000)));
  const [to, setTo] = useState(() => toLocalInput(new Date()));
  const window = { from: toUnixSeconds(from), to: toUnixSeconds(to) };
  const valid = namespace !== "" && Number.isFinite(window.from) && Number.isFinite(window.to);
  const changes = useChanges({ namespace, window }, valid);
  return (
    <section aria-labelledby="namespace-changes-heading" className="space-y-2">
      <h2 id="namespace-changes-heading" className="text-lg font-semibold">
        What changed between two times
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
          Namespace
          <select className={fieldClass} value={namespace} onChange={(e) => setNamespace(e.target.value)}>
            <option value="">Choose…</option>
            {(namespaces.data?.namespaces ?? []).map((n) => (
              <option key={n.name} value={n.name}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
          From
          <input type="datetime-local" className={fieldClass} value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
          To
          <input type="datetime-local" className={fieldClass} value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      {!valid && <p className="text-sm text-slate-600 dark:text-slate-400">Choose a namespace and two times.</p>}
      {valid && changes.isPending && <p className="text-sm">Loading…</p>}
      {changes.error && (
        <p role="alert" className="text-sm text-bad">
          <MessageText text={changes.error.message} />
        </p>
      )}
      {valid && changes.data && (
        <ChangeList
          list={changes.data}
          label={`Changes in ${namespace} between the two times`}
          onChanged={() => void changes.refetch()}
        />
      )}
    </section>
  );
}
