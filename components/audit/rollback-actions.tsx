"use client";

import { useId, useState } from "react";
import type { AuditEntryDetail } from "@/lib/contracts/audit";
import type { RouteRiskKind } from "@/lib/contracts/route-risks";
import { ApiError } from "@/lib/queries/fetch-json";
import { usePreviewRollback, useRollback } from "@/lib/queries/audit";
import { buttonClass } from "@/components/istio-config/dialog-parts";
import { WizardPreviewView } from "@/components/traffic/wizard-review";
import { MessageText } from "@/components/ui/message-text";
import { RouteRiskConfirmation, risksConfirmed } from "@/components/ui/route-risk-confirmation";

type Target = "before" | "after";

/** Each rollback's name and what it does, in one sentence. */
const actions: Record<Target, { verb: string; applied: string; explain: (deletes: boolean) => string }> = {
  before: {
    verb: "Undo this change",
    applied: "Apply the undo",
    explain: (deletes) =>
      deletes
        ? "Deletes the object this change created, whatever it holds now."
        : "Writes the object back as it was before this change, replacing what it is now (later changes to it included).",
  },
  after: {
    verb: "Roll back to this version",
    applied: "Apply the rollback",
    explain: (deletes) =>
      deletes
        ? "Deletes the object again, as this change did, whatever it holds now."
        : "Writes the object back as this change left it, replacing what it is now (later changes to it included).",
  },
};

function errorText(error: unknown): string {
  if (error instanceof ApiError && error.code === "conflict")
    return `${error.message} The entry now shows the live version; look again before rolling back.`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * "Undo this change" and "Roll back to this version", previewed like every other write: the button asks the server
 * what the rollback would write (its dry-run, the diff from the live object, validation, route risks), and only
 * "Apply" writes it. Both carry the live resourceVersion the entry showed, so a change made meanwhile is a conflict
 * (server/audit/rollback.ts), and the route risks the user confirmed.
 */
export function RollbackActions({ detail, onChanged }: { detail: AuditEntryDetail; onChanged(): void }) {
  const summary = detail.entry;
  const preview = usePreviewRollback(summary.id);
  const rollback = useRollback(summary.id);
  const [target, setTarget] = useState<Target | undefined>();
  const [comment, setComment] = useState("");
  const [confirmed, setConfirmed] = useState<RouteRiskKind[]>([]);
  const commentId = useId();
  const base = detail.live.resourceVersion;
  const atThisVersion = detail.live.yaml === detail.afterYaml;
  const deletes: Record<Target, boolean> = { before: !summary.hasBefore, after: !summary.hasAfter };

  const start = (to: Target) => {
    setTarget(to);
    setConfirmed([]);
    rollback.reset();
    preview.mutate({ to, baseResourceVersion: base }, { onError: onChanged });
  };
  const cancel = () => {
    setTarget(undefined);
    preview.reset();
  };
  const apply = (to: Target) =>
    rollback.mutate(
      {
        to,
        baseResourceVersion: base,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(confirmed.length > 0 ? { confirm: confirmed } : {}),
      },
      {
        onSuccess: () => {
          setTarget(undefined);
          preview.reset();
        },
        onSettled: onChanged,
      },
    );
  const writes = preview.data?.changes.filter((c) => c.action !== "unchanged") ?? [];

  return (
    <section aria-label="Roll back" className="flex flex-col gap-3">
      {!target && (
        <ul className="flex flex-col gap-2">
          {(["before", "after"] as const).map((to) => (
            <li key={to} className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <button
                type="button"
                className={buttonClass.secondary}
                disabled={preview.isPending || (to === "after" && atThisVersion)}
                onClick={() => start(to)}
              >
                {actions[to].verb}
                {deletes[to] ? " (delete the object)" : ""}…
              </button>
              <span className="text-sm text-slate-600 dark:text-slate-300">
                {to === "after" && atThisVersion
                  ? "The object is already at this version."
                  : actions[to].explain(deletes[to])}
              </span>
            </li>
          ))}
        </ul>
      )}
      {target && (
        <div
          className="flex flex-col gap-3 rounded border border-slate-300 p-3 dark:border-slate-600"
          data-testid="rollback-review"
        >
          <h3 className="text-sm font-medium">{actions[target].verb}: review before applying</h3>
          <p className="text-sm">{actions[target].explain(deletes[target])}</p>
          {preview.isPending && <p className="text-sm">Asking the cluster what this would write…</p>}
          {preview.data && <WizardPreviewView preview={preview.data} collapseUnchanged />}
          {preview.data && writes.length === 0 && (
            <p className="text-sm">The object is already like this; there is nothing to write.</p>
          )}
          {preview.data && (
            <RouteRiskConfirmation risks={preview.data.routeRisks} confirmed={confirmed} onChange={setConfirmed} />
          )}
          <div className="flex flex-col gap-1">
            <label htmlFor={commentId} className="text-xs font-medium text-slate-600 dark:text-slate-300">
              Comment for the audit log (optional)
            </label>
            <input
              id={commentId}
              className="rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
              value={comment}
              maxLength={500}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
          <div className="flex gap-2">
            <button
              type="button"
              className={buttonClass.primary}
              disabled={
                !preview.data ||
                writes.length === 0 ||
                rollback.isPending ||
                !risksConfirmed(preview.data.routeRisks, confirmed)
              }
              onClick={() => apply(target)}
            >
              {rollback.isPending ? "Applying…" : actions[target].applied}
            </button>
            <button type="button" className={buttonClass.secondary} disabled={rollback.isPending} onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {rollback.isSuccess && (
        <p role="status" className="text-sm text-ok">
          Rolled back:{" "}
          {rollback.data.changes
            .map(
              (c) =>
                `${c.kind} ${c.name} ${c.action === "unchanged" ? "was already at that version" : c.action === "delete" ? "deleted" : "restored"}`,
            )
            .join(", ")}
          .
        </p>
      )}
      {(preview.error || rollback.error) && (
        <p role="alert" className="text-sm text-bad">
          <MessageText text={errorText(rollback.error ?? preview.error)} />
        </p>
      )}
    </section>
  );
}
