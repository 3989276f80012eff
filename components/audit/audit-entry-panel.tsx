"use client";

import { useEffect } from "react";
import type { AuditEntryDetail } from "@/lib/contracts/audit";
import { findIstioKind } from "@/lib/istio/kinds";
import { useAuditEntry } from "@/lib/queries/audit";
import { useCan } from "@/lib/queries/permissions";
import { buttonClass } from "@/components/istio-config/dialog-parts";
import { MessageText } from "@/components/ui/message-text";
import { YamlDiff } from "@/components/ui/yaml-diff";
import { RollbackActions } from "./rollback-actions";

/**
 * One entry, beside the list (it opens from a row or from a link to `?entry=<id>`, whatever page the entry is on): the
 * changed lines first with their context, then the whole objects before and after, then the rollbacks.
 */
export function AuditEntryPanel({ id, onClose }: { id: string; onClose(): void }) {
  const detail = useAuditEntry(id);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <aside
      aria-label="Selected audit entry"
      className="fixed inset-y-0 right-0 z-40 flex w-full max-w-3xl flex-col gap-3 overflow-y-auto border-l border-slate-200 bg-white p-4 shadow-xl dark:border-slate-700 dark:bg-slate-950"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 className="font-medium">Audit entry</h2>
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          Close
        </button>
      </div>
      {detail.isPending ? (
        <p className="text-sm">Loading the entry…</p>
      ) : detail.error ? (
        <p role="alert" className="text-sm text-bad">
          <MessageText text={detail.error.message} />
        </p>
      ) : (
        <EntryDetail detail={detail.data} onChanged={() => void detail.refetch()} />
      )}
    </aside>
  );
}

function EntryDetail({ detail, onChanged }: { detail: AuditEntryDetail; onChanged(): void }) {
  const summary = detail.entry;
  // A rollback is a write: a viewer the cluster would refuse gets no button (the server refuses anyway).
  const mayWrite = useCan(summary.namespace, "updateIstioConfig");
  const title = `${summary.kind} ${summary.namespace}/${summary.name}`;
  const live = detail.live;
  // The server refuses the others (server/audit/rollback.ts); here they get no buttons.
  const isIstioObject = findIstioKind(summary.kind) !== undefined;
  const canRollBack = summary.status === "applied" && isIstioObject && mayWrite;
  return (
    <article aria-label={`Audit entry for ${title}`} className="flex flex-col gap-3">
      <p className="text-sm">
        {summary.action} of {title} by {summary.actor} ({summary.source}),{" "}
        <time dateTime={summary.createdAt}>{new Date(summary.createdAt).toLocaleString()}</time>
        {summary.comment ? `: ${summary.comment}` : ""}
      </p>
      <YamlDiff
        title="What changed"
        diff={detail.diff}
        omitted={detail.diffOmitted}
        sides={{ before: "before this change", after: "after it" }}
        collapseUnchanged
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
          ? `resourceVersion ${live.resourceVersion}${live.yaml === detail.afterYaml ? ", the same as after this change" : ""}`
          : "the object does not exist"}
        .
      </p>
      {!isIstioObject && (
        <p className="text-sm">
          This entry records a sidecar-injection setting; set it back with the injection toggle on the{" "}
          {summary.kind === "Namespace" ? "namespace" : "workload"} page.
        </p>
      )}
      {canRollBack && <RollbackActions detail={detail} onChanged={onChanged} />}
      <section aria-label="Whole objects" className="flex flex-col gap-1">
        <h3 className="text-sm font-medium">Whole objects</h3>
        <div className="grid gap-2 md:grid-cols-2">
          <WholeObject label="Before this change" yaml={detail.beforeYaml} absent="(did not exist)" />
          <WholeObject label="After this change" yaml={detail.afterYaml} absent="(deleted)" />
        </div>
      </section>
    </article>
  );
}

function WholeObject({ label, yaml, absent }: { label: string; yaml: string; absent: string }) {
  return (
    <figure className="flex min-w-0 flex-col gap-1">
      <figcaption className="text-xs text-slate-600 dark:text-slate-300">{label}</figcaption>
      <pre
        aria-label={`${label}: whole object`}
        className="max-h-96 overflow-auto rounded border border-slate-200 bg-white px-2 py-1 font-mono text-xs leading-5 dark:border-slate-700 dark:bg-slate-900"
      >
        {yaml || absent}
      </pre>
    </figure>
  );
}
