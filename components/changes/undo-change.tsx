"use client";

/**
 * "Undo this change", as every write in the console: first the preview — what the object
 * would go back to, against what is live now — then the user's confirmation. The undo is the
 * audit log's rollback to the version before the change (POST /api/audit/{id}/rollback), with
 * the live resourceVersion shown in the preview as its base: if someone changed the object
 * since, the server refuses (409) and nothing is written; the undo is audited as a rollback.
 */
import { useState } from "react";
import { boundedLineDiff } from "@/lib/bounded-line-diff";
import type { AuditEntryDetail } from "@/lib/contracts/audit";
import { ApiError } from "@/lib/queries/fetch-json";
import { useRollback } from "@/lib/queries/audit";
import { MessageText } from "@/components/ui/message-text";
import { YamlDiff } from "@/components/ui/yaml-diff";

const buttonClass =
  "rounded border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800";

function errorText(error: unknown): string {
  if (error instanceof ApiError && error.code === "conflict")
    return `${error.message} Nothing was changed; look at the live object again before undoing.`;
  return error instanceof Error ? error.message : String(error);
}

export function UndoChange({ detail, onDone }: { detail: AuditEntryDetail; onDone: () => void }) {
  const rollback = useRollback(detail.entry.id);
  const [previewing, setPreviewing] = useState(false);
  // The preview is taken once, when asked for: the confirmation answers what the user saw.
  const [seen, setSeen] = useState<AuditEntryDetail["live"] | null>(null);
  const deletes = !detail.entry.hasBefore;
  if (rollback.isSuccess)
    return (
      <p role="status" className="text-sm text-ok">
        Undone: {detail.entry.kind} {detail.entry.name}{" "}
        {rollback.data.changes.some((c) => c.action === "delete") ? "deleted" : "is back to the version before"}.
      </p>
    );
  if (!previewing || !seen)
    return (
      <button
        type="button"
        className={buttonClass}
        onClick={() => {
          setSeen(detail.live);
          setPreviewing(true);
        }}
      >
        {deletes ? "Undo this change (delete the object)…" : "Undo this change…"}
      </button>
    );
  const change = boundedLineDiff(seen.yaml, detail.beforeYaml);
  const nothingToDo = seen.yaml === detail.beforeYaml;
  return (
    <section aria-label="Undo preview" className="flex flex-col gap-2">
      {nothingToDo ? (
        <p role="status" className="text-sm">
          The live object is already the version before this change: there is nothing to undo.
        </p>
      ) : (
        <YamlDiff
          title="What the undo writes"
          diff={change.diff}
          omitted={change.diffOmitted}
          sides={{
            before: seen.resourceVersion ? `Live now (resourceVersion ${seen.resourceVersion})` : "Nothing now",
            after: deletes ? "Deleted" : "The version before the change",
          }}
        />
      )}
      <div className="flex gap-2">
        <button
          type="button"
          className={buttonClass}
          disabled={nothingToDo || rollback.isPending}
          onClick={() =>
            rollback.mutate({ to: "before", baseResourceVersion: seen.resourceVersion }, { onSettled: onDone })
          }
        >
          {rollback.isPending ? "Undoing…" : "Confirm undo"}
        </button>
        <button type="button" className={buttonClass} onClick={() => setPreviewing(false)}>
          Cancel
        </button>
      </div>
      {rollback.error && (
        <p role="alert" className="text-sm text-bad">
          <MessageText text={errorText(rollback.error)} />
        </p>
      )}
    </section>
  );
}
