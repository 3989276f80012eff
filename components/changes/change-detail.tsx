"use client";

/**
 * One change, as a marker's popover and a list row open it: who, what, when and why it touches
 * what the page shows, its diff (the audit log's, components/ui/yaml-diff.tsx), and the undo.
 */
import type { Change } from "@/lib/contracts/changes";
import { findIstioKind } from "@/lib/istio/kinds";
import { useAuditEntry } from "@/lib/queries/audit";
import { useCan } from "@/lib/queries/permissions";
import { MessageText } from "@/components/ui/message-text";
import { YamlDiff } from "@/components/ui/yaml-diff";
import { describeChange } from "./describe-change";
import { UndoChange } from "./undo-change";

export function ChangeDetail({ change, onChanged }: { change: Change; onChanged?: () => void }) {
  const detail = useAuditEntry(change.id);
  // An undo is a write: a viewer the cluster would refuse gets no button (the server refuses anyway).
  const mayWrite = useCan(change.namespace, "updateIstioConfig");
  // The server refuses to undo a sidecar-injection entry (server/audit/rollback.ts): the toggle sets it back.
  const undoable = findIstioKind(change.kind) !== undefined;
  return (
    <article aria-label={`Change to ${change.kind} ${change.namespace}/${change.name}`} className="flex flex-col gap-2">
      <p className="text-sm font-medium">{describeChange(change)}</p>
      {change.comment && <p className="text-sm text-slate-600 dark:text-slate-300">“{change.comment}”</p>}
      {change.reasons.length > 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-400">Touches this: {change.reasons.join("; ")}</p>
      )}
      {detail.isPending && <p className="text-sm">Loading the diff…</p>}
      {detail.error && (
        <p role="alert" className="text-sm text-bad">
          <MessageText text={detail.error.message} />
        </p>
      )}
      {detail.data && (
        <>
          <YamlDiff
            title={`${change.kind} ${change.namespace}/${change.name}`}
            diff={detail.data.diff}
            omitted={detail.data.diffOmitted}
          />
          {!undoable && (
            <p className="text-sm">
              This records a sidecar-injection setting; set it back with the injection toggle on the{" "}
              {change.kind === "Namespace" ? "namespace" : "workload"} page.
            </p>
          )}
          {undoable && mayWrite && (
            <UndoChange
              detail={detail.data}
              onDone={() => {
                void detail.refetch();
                onChanged?.();
              }}
            />
          )}
        </>
      )}
    </article>
  );
}
