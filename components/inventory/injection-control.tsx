"use client";

/**
 * Sets sidecar injection on a namespace (`istio-injection` label) or a workload (the pod
 * template's `sidecar.istio.io/inject` annotation). Two steps: pick, then confirm after
 * reading that pods restart. The write is audited and refused (409) when the object
 * changed since the page loaded.
 */
import { useId, useState } from "react";
import type { InjectionTarget } from "@/lib/queries/inventory";
import { useSetInjection } from "@/lib/queries/inventory";
import { useCan } from "@/lib/queries/permissions";

type Choice = "on" | "off" | "unset";

const wording: Record<InjectionTarget["kind"], Record<Choice, string>> = {
  namespace: { on: "Enabled (istio-injection=enabled)", off: "Disabled (istio-injection=disabled)", unset: "No label" },
  workload: {
    on: 'Enabled (sidecar.istio.io/inject="true")',
    off: 'Disabled (sidecar.istio.io/inject="false")',
    unset: "Not set: follow the namespace",
  },
};

const toEnabled = (c: Choice) => (c === "unset" ? null : c === "on");

export function InjectionControl({
  target,
  current,
  resourceVersion,
  podsNote,
}: {
  target: InjectionTarget;
  current: Choice;
  resourceVersion?: string;
  podsNote: string;
}) {
  const id = useId();
  const [choice, setChoice] = useState<Choice>(current);
  const [confirming, setConfirming] = useState(false);
  const mutation = useSetInjection();
  const what = target.kind === "namespace" ? `namespace ${target.namespace}` : `workload ${target.name}`;
  const allowed = useCan(
    target.namespace,
    target.kind === "namespace" ? "setNamespaceInjection" : "setWorkloadInjection",
  );

  // A viewer who may not change it reads the setting instead of a control the cluster would refuse.
  if (!allowed) return <p className="text-sm">Sidecar injection: {wording[target.kind][current]}</p>;
  if (!resourceVersion)
    return <p className="text-sm text-slate-500">Sidecar injection can be set on Deployments only.</p>;

  return (
    <form
      aria-label={`Sidecar injection of ${what}`}
      className="space-y-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        if (!confirming) return setConfirming(true);
        mutation.mutate(
          { target, change: { enabled: toEnabled(choice), resourceVersion } },
          { onSuccess: () => setConfirming(false) },
        );
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <label htmlFor={id} className="flex flex-col text-xs font-medium text-slate-600 dark:text-slate-400">
          Sidecar injection
          <select
            id={id}
            value={choice}
            onChange={(e) => {
              setChoice(e.target.value as Choice);
              setConfirming(false);
              mutation.reset();
            }}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          >
            {(Object.keys(wording[target.kind]) as Choice[]).map((c) => (
              <option key={c} value={c}>
                {wording[target.kind][c]}
              </option>
            ))}
          </select>
        </label>
        {choice !== current && !confirming && (
          <button
            type="submit"
            className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Apply…
          </button>
        )}
      </div>
      {confirming && (
        <div
          role="alertdialog"
          aria-label="Confirm the injection change"
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50"
        >
          <p>{podsNote} The change is recorded in the audit log.</p>
          <div className="flex gap-2">
            <button
              type="submit"
              disabled={mutation.isPending}
              className="rounded-md bg-amber-700 px-3 py-1.5 font-medium text-white hover:bg-amber-800 disabled:opacity-60"
            >
              {mutation.isPending ? "Applying…" : "Apply and restart pods"}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="rounded-md border border-amber-400 px-3 py-1.5"
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {mutation.isError && (
        <p role="alert" className="text-bad">
          {mutation.error.message}
          {"code" in mutation.error && mutation.error.code === "conflict"
            ? " The page reloads the latest state; pick again."
            : ""}
        </p>
      )}
      {mutation.isSuccess && !confirming && (
        <p role="status" className="text-ok">
          Saved. Pods are restarting; the sidecar column follows as they roll.
        </p>
      )}
    </form>
  );
}
