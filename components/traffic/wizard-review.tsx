"use client";

import type { ObjectChange, WizardPreview } from "@/lib/contracts/traffic";
import { YamlDiff } from "@/components/ui/yaml-diff";

const actionText: Record<ObjectChange["action"], string> = {
  create: "will be created",
  update: "will be changed",
  delete: "will be deleted",
  unchanged: "stays as it is",
};
const doneText: Record<ObjectChange["action"], string> = {
  create: "created",
  update: "changed",
  delete: "deleted",
  unchanged: "unchanged",
};

/**
 * What applying will do, object by object (in the order they will be written), with the findings of validation.
 * `collapseUnchanged` folds the unchanged stretches of each diff (components/ui/yaml-diff.tsx).
 */
export function WizardPreviewView({
  preview,
  collapseUnchanged = false,
}: {
  preview: WizardPreview;
  collapseUnchanged?: boolean;
}) {
  if (preview.changes.length === 0)
    return <p className="text-sm">Nothing to change: the live objects already say this.</p>;
  const findings = preview.validations.flatMap((v) => v.checks.map((c) => ({ ...c, object: `${v.kind} ${v.name}` })));
  return (
    <div className="flex flex-col gap-3" data-testid="wizard-preview">
      <p className="text-sm">
        The server dry-ran these writes (validation and admission passed). They are applied in this order:
      </p>
      {preview.changes.map((c) => (
        <YamlDiff
          key={`${c.kind}/${c.name}`}
          title={`${c.kind} ${c.namespace}/${c.name} ${actionText[c.action]}`}
          diff={c.diff}
          omitted={c.diffOmitted}
          collapseUnchanged={collapseUnchanged}
        />
      ))}
      {findings.length > 0 && (
        <ul className="text-xs" aria-label="Validation findings">
          {findings.map((f, i) => (
            <li key={i} className={f.severity === "error" ? "text-bad" : "text-warn"}>
              {f.object}: {f.message} ({f.code} at {f.path})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function WizardAppliedView({ changes }: { changes: ObjectChange[] }) {
  return (
    <div
      role="status"
      className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950/50"
    >
      {changes.length === 0 ? (
        "Nothing to change: the live objects already say this."
      ) : (
        <>
          Applied: {changes.map((c) => `${c.kind} ${c.name} ${doneText[c.action]}`).join(", ")}.{" "}
          <a className="underline" href={auditHref(changes)}>
            See the audit log
          </a>
        </>
      )}
    </div>
  );
}

/** The audit log of the change's namespace, opened on the first object's entry. */
function auditHref(changes: ObjectChange[]): string {
  const first = changes.find((c) => c.auditId) ?? changes[0];
  const params = new URLSearchParams({ namespaces: first?.namespace ?? "" });
  if (first?.auditId) params.set("entry", first.auditId);
  return `/audit?${params}`;
}
