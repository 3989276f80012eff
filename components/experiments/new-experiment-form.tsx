"use client";

import { useState, type FormEvent } from "react";
import { useCreateExperiment } from "@/lib/queries/experiments";
import { CanaryFields } from "./canary-fields";
import {
  canaryDraft,
  defaultCanaryForm,
  defaultFaultForm,
  faultDraft,
  pickCanaryTarget,
  pickFaultTarget,
  toSpec,
  type CanaryForm,
  type ExperimentFormKind,
  type FaultForm,
} from "./experiment-form-model";
import { FaultFields } from "./fault-fields";

const tab = (active: boolean) =>
  `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100" : "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`;

/** Where the form starts: the kind, namespace and service a link or the top bar chose ("" = none yet). */
export interface NewExperimentStart {
  kind: ExperimentFormKind;
  namespace: string;
  service: string;
}

/**
 * The creation form. `start.namespace` may change after the first render (the top bar's
 * remembered selection arrives after load): a form with no service picked yet follows it.
 */
export function NewExperimentForm({
  start,
  onCreated,
}: {
  start: NewExperimentStart;
  onCreated: (id: string) => void;
}) {
  const [kind, setKind] = useState<ExperimentFormKind>(start.kind);
  const [canary, setCanary] = useState<CanaryForm>(() => defaultCanaryForm(start.namespace, start.service));
  const [fault, setFault] = useState<FaultForm>(() => defaultFaultForm(start.namespace, start.service));
  const [problems, setProblems] = useState<string[]>([]);
  const [followed, setFollowed] = useState(start.namespace);
  const create = useCreateExperiment();

  if (start.namespace !== followed) {
    // Adjusting state to a changed prop during render (react.dev "You might not need an effect").
    setFollowed(start.namespace);
    const untouched = (f: { namespace: string; service: string }) => f.namespace === followed && f.service === "";
    setCanary((f) => (untouched(f) ? pickCanaryTarget(f, { namespace: start.namespace }) : f));
    setFault((f) => (untouched(f) ? pickFaultTarget(f, { namespace: start.namespace }) : f));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = toSpec(kind === "canary" ? canaryDraft(canary) : faultDraft(fault));
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    create.mutate({ spec: result.spec }, { onSuccess: (detail) => onCreated(detail.id) });
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="New experiment">
      <div role="radiogroup" aria-label="Kind of experiment" className="flex gap-2">
        <button
          type="button"
          role="radio"
          aria-checked={kind === "canary"}
          className={tab(kind === "canary")}
          onClick={() => setKind("canary")}
        >
          Canary traffic shift
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={kind === "fault"}
          className={tab(kind === "fault")}
          onClick={() => setKind("fault")}
        >
          Fault injection
        </button>
      </div>
      {kind === "canary" ? (
        <CanaryFields form={canary} set={(patch) => setCanary((f) => ({ ...f, ...patch }))} replace={setCanary} />
      ) : (
        <FaultFields form={fault} set={(patch) => setFault((f) => ({ ...f, ...patch }))} replace={setFault} />
      )}
      {problems.length > 0 && (
        <ul
          role="alert"
          className="list-disc space-y-1 rounded-md border border-red-300 bg-red-50 p-3 pl-6 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {create.isError && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {create.error.message}
        </p>
      )}
      <button
        type="submit"
        disabled={create.isPending}
        className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50"
      >
        {create.isPending ? "Starting…" : "Start experiment"}
      </button>
    </form>
  );
}
