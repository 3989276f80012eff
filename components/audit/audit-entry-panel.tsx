"use client";

import { useState } from "react";
import type { AuditEntrySummary } from "@/lib/contracts/audit";
import { ApiError } from "@/lib/queries/fetch-json";
import { findIstioKind } from "@/lib/istio/kinds";
import { useAuditEntry, useRollback } from "@/lib/queries/audit";
import { useCan } from "@/lib/queries/permissions";
import { MessageText } from "@/components/ui/message-text";
import { YamlDiff } from "@/components/ui/yaml-diff";

const buttonClass =
  "rounded border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800";

function errorText(error: unknown): string {
  if (error instanceof ApiError && error.code === "conflict")
    return `${error.message} The entry now shows the live version; look again before rolling back.`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * One entry: its diff, and the rollbacks. "Roll back to this version" restores the object as
 * this entry left it; "Undo this change" restores it as it was before. Both are conflict-
 * checked against the live resourceVersion shown here, and are audited themselves.
 */
export function AuditEntryPanel({ summary }: { summary: AuditEntrySummary }) {
  const detail = useAuditEntry(summary.id);
  const rollback = useRollback(summary.id);
  // A rollback is a write: a viewer the cluster would refuse gets no button (the server refuses anyway).
  const mayWrite = useCan(summary.namespace, "updateIstioConfig");
  const [comment, setComment] = useState("");
  const title = `${summary.kind} ${summary.namespace}/${summary.name}`;
  if (detail.isPending) return <p className="text-sm">Loading the entry…</p>;
  if (detail.error)
    return (
      <p role="alert" className="text-sm text-bad">
        <MessageText text={detail.error.message} />
      </p>
    );
  const live = detail.data.live;
  const run = (to: "after" | "before") =>
    rollback.mutate(
      { to, baseResourceVersion: live.resourceVersion, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      { onSettled: () => void detail.refetch() },
    );
  const atThisVersion = live.yaml === detail.data.afterYaml;
  // The server refuses the others (server/audit/rollback.ts); here they get no buttons.
  const isIstioObject = findIstioKind(summary.kind) !== undefined;
  const canRollBack = summary.status === "applied" && isIstioObject && mayWrite;
  return (
    <article aria-label={`Audit entry for ${title}`} className="flex flex-col gap-3">
      <YamlDiff
        title={`${title}: ${summary.action} by ${summary.actor} (${summary.source})`}
        diff={detail.data.diff}
        omitted={detail.data.diffOmitted}
      />
      {summary.status === "pending" && (
        <p role="status" className="text-sm">
          Topsail is still writing this change; its outcome is not known yet.
        </p>
      )}
      {summary.status === "failed" && (
        <p role="alert" className="text-sm text-bad">
          This change was not applied: <MessageText text={summary.error ?? "no reason was recorded"} />
        </p>
      )}
      <p className="text-xs text-slate-600 dark:text-slate-300">
        Live now:{" "}
        {live.resourceVersion
          ? `resourceVersion ${live.resourceVersion}${atThisVersion ? ", the same as this version" : ""}`
          : "the object does not exist"}
        .
      </p>
      {!isIstioObject && (
        <p className="text-sm">
          This entry records a sidecar-injection setting; set it back with the injection toggle on the{" "}
          {summary.kind === "Namespace" ? "namespace" : "workload"} page.
        </p>
      )}
      {canRollBack && (
        <div className="flex flex-col gap-3">
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
            Comment for the rollback (optional)
            <input
              className="rounded border border-slate-300 bg-white px-2 py-1 text-sm font-normal dark:border-slate-600 dark:bg-slate-900"
              value={comment}
              maxLength={500}
              onChange={(e) => setComment(e.target.value)}
            />
          </label>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={buttonClass}
              disabled={rollback.isPending || atThisVersion}
              onClick={() => run("after")}
            >
              {summary.hasAfter ? "Roll back to this version" : "Roll back to this version (delete the object)"}
            </button>
            <button type="button" className={buttonClass} disabled={rollback.isPending} onClick={() => run("before")}>
              {summary.hasBefore ? "Undo this change" : "Undo this change (delete the object)"}
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
      {rollback.error && (
        <p role="alert" className="text-sm text-bad">
          <MessageText text={errorText(rollback.error)} />
        </p>
      )}
    </article>
  );
}
