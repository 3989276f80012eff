"use client";

/**
 * The conflict screen: someone saved the object after this user loaded it, so nothing was
 * applied. It shows their version and how it differs from the user's, and offers to
 * re-apply the user's edit on top of theirs (a three-way merge on the server); fields both
 * changed are listed with both values for the user to choose. Nothing is lost either way.
 */
import { useMemo, useState } from "react";
import { boundedLineDiff } from "@/lib/bounded-line-diff";
import type { MergeConflict, MergeSide, ObjectRef } from "@/lib/contracts/istio-objects";
import { ApiError } from "@/lib/queries/fetch-json";
import { useLiveIstioObject, useRebaseIstioYaml } from "@/lib/queries/istio-objects";
import { buttonClass } from "./dialog-parts";
import { WriteError } from "./write-error";
import { YamlDiff } from "@/components/ui/yaml-diff";
import { YamlEditor } from "./yaml-editor";

export interface LoadedVersion {
  yaml: string;
  resourceVersion: string;
}

function ConflictChoices({
  conflicts,
  choices,
  onChoose,
}: {
  conflicts: MergeConflict[];
  choices: Record<string, MergeSide>;
  onChoose: (path: string, side: MergeSide) => void;
}) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold">Both of you changed these fields: choose which value to keep</legend>
      {conflicts.map((c) => (
        <div
          key={c.path}
          role="radiogroup"
          aria-label={`Value of ${c.path}`}
          className="space-y-1 rounded-md border border-slate-200 p-2 dark:border-slate-700"
        >
          <p className="font-mono text-xs">{c.path}</p>
          <div className="grid gap-2 md:grid-cols-2">
            {(["mine", "theirs"] as const).map((side) => (
              <label
                key={side}
                className="flex cursor-pointer items-start gap-2 rounded border border-slate-200 p-2 text-sm dark:border-slate-700"
              >
                <input
                  type="radio"
                  name={`choice-${c.path}`}
                  checked={choices[c.path] === side}
                  onChange={() => onChoose(c.path, side)}
                  className="mt-1"
                />
                <span className="min-w-0">
                  <span className="font-medium">{side === "mine" ? "Keep mine" : "Keep theirs"}</span>
                  <pre className="mt-1 overflow-auto whitespace-pre-wrap font-mono text-xs">
                    {c[side].present ? c[side].yaml : "(removed)"}
                  </pre>
                </span>
              </label>
            ))}
          </div>
        </div>
      ))}
    </fieldset>
  );
}

export function ConflictPanel({
  objectRef,
  loaded,
  mine,
  onRebased,
  onTakeTheirs,
  onRecreate,
}: {
  objectRef: ObjectRef;
  loaded: LoadedVersion;
  mine: string;
  /** The merged text, to be reviewed and applied on top of `theirs`. */
  onRebased: (theirs: LoadedVersion, merged: string) => void;
  onTakeTheirs: (theirs: LoadedVersion) => void;
  onRecreate: () => void;
}) {
  const live = useLiveIstioObject(objectRef, true);
  const rebase = useRebaseIstioYaml();
  const [choices, setChoices] = useState<Record<string, MergeSide>>({});
  const theirs = live.data ? { yaml: live.data.yaml, resourceVersion: live.data.resourceVersion } : null;
  const difference = useMemo(() => boundedLineDiff(theirs?.yaml ?? "", mine), [theirs?.yaml, mine]);
  const deleted = live.error instanceof ApiError && live.error.code === "not_found";

  const reapply = () => {
    if (!theirs) return;
    rebase.mutate(
      { base: loaded.yaml, mine, theirs: theirs.yaml, choices },
      { onSuccess: (result) => result.resolved && onRebased(theirs, result.yaml) },
    );
  };
  const open = rebase.data && !rebase.data.resolved ? rebase.data.conflicts : [];

  return (
    <section
      aria-labelledby="conflict-heading"
      data-testid="conflict-screen"
      className="space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950/40"
    >
      <div role="alert" className="space-y-1">
        <h2 id="conflict-heading" className="text-lg font-semibold">
          {deleted
            ? "Someone deleted this object while you were editing it"
            : "Someone changed this object while you were editing it"}
        </h2>
        <p className="text-sm">
          Nothing was applied. You loaded version {loaded.resourceVersion}
          {theirs ? `; the live version is now ${theirs.resourceVersion}` : ""}. Your edit is kept below and in the
          editor.
        </p>
      </div>
      {live.isPending && <p role="status">Reading the live version…</p>}
      {live.error && !deleted && <WriteError error={live.error} title="The live version could not be read" />}
      {deleted && (
        <div className="flex gap-2">
          <button type="button" className={buttonClass.primary} onClick={onRecreate}>
            Create it again from my version
          </button>
        </div>
      )}
      {theirs && (
        <>
          <YamlDiff
            title="How your version differs from theirs"
            diff={difference.diff}
            omitted={difference.diffOmitted}
            sides={{ before: `Their version (live, ${theirs.resourceVersion})`, after: "Your version (not applied)" }}
          />
          <details className="text-sm">
            <summary className="cursor-pointer font-medium">Their version in full</summary>
            <div className="mt-2 h-72">
              <YamlEditor value={theirs.yaml} label="Their version (read-only)" readOnly />
            </div>
          </details>
          {open.length > 0 && (
            <ConflictChoices
              conflicts={open}
              choices={choices}
              onChoose={(path, side) => setChoices((c) => ({ ...c, [path]: side }))}
            />
          )}
          {rebase.error && <WriteError error={rebase.error} title="Your edit could not be re-applied" />}
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={buttonClass.primary}
              onClick={reapply}
              disabled={rebase.isPending || open.some((c) => !choices[c.path])}
            >
              {open.length > 0 ? "Re-apply my edit with these choices" : "Re-apply my edit on top of theirs"}
            </button>
            <button type="button" className={buttonClass.secondary} onClick={() => onTakeTheirs(theirs)}>
              Discard my edit and load theirs
            </button>
          </div>
        </>
      )}
    </section>
  );
}
