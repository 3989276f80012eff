"use client";

/**
 * The question: who calls (a workload of the namespace, or a gateway workload serving it),
 * which host and port, method, path and headers. The form edits a draft; submitting writes
 * it to the URL (use-explain-url-state.ts), and the page asks the URL's question.
 */
import { useState, type FormEvent } from "react";
import { LabelledField } from "@/components/ui/labelled-field";
import {
  explainMethods,
  explanationRequest,
  type ExplainForm as ExplainFormState,
  type HeaderRow,
} from "@/lib/explain-request/url-state";
import { useGateways } from "@/lib/queries/gateways";
import { useServiceList, useWorkloadList } from "@/lib/queries/inventory";
import { useNamespaces } from "@/lib/queries/namespaces";

const inputClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";
const buttonClass = "rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700";

/** A gateway workload in another namespace is picked as `namespace/name`; the question then moves to its namespace. */
const gatewayValue = (w: { namespace: string; name: string }) => `${w.namespace}/${w.name}`;

function SourceOptions({ namespace, current }: { namespace: string; current: string }) {
  const workloads = useWorkloadList(namespace, namespace !== "");
  const names = workloads.data?.items.map((w) => w.name) ?? [];
  // A linked caller stays selected while the list loads, or if the list does not have it.
  if (current && !names.includes(current)) names.unshift(current);
  const gateways = useGateways(namespace ? [namespace] : []);
  const elsewhere = new Map<string, { namespace: string; name: string }>();
  for (const gw of gateways.data ?? [])
    for (const w of gw.workloads) if (w.namespace !== namespace) elsewhere.set(gatewayValue(w), w);
  return (
    <>
      <option value="">{workloads.isPending && namespace ? "Loading workloads…" : "Choose the caller"}</option>
      <optgroup label={`Workloads in ${namespace || "the namespace"}`}>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </optgroup>
      {elsewhere.size > 0 && (
        <optgroup label={`Gateways serving ${namespace}`}>
          {[...elsewhere].map(([value, w]) => (
            <option key={value} value={value}>
              {w.name} ({w.namespace})
            </option>
          ))}
        </optgroup>
      )}
    </>
  );
}

/** Services of the namespace, and the hosts its Gateways accept (what an ingress caller dials). */
function HostSuggestions({ id, namespace }: { id: string; namespace: string }) {
  const services = useServiceList(namespace, namespace !== "");
  const gateways = useGateways(namespace ? [namespace] : []);
  const hosts = new Set([
    ...(services.data?.items.map((s) => s.name) ?? []),
    ...(gateways.data ?? []).flatMap((gw) => gw.hosts.filter((h) => h !== "*")),
  ]);
  return (
    <datalist id={id}>
      {[...hosts].map((h) => (
        <option key={h} value={h} />
      ))}
    </datalist>
  );
}

function HeaderRows({ rows, onChange }: { rows: HeaderRow[]; onChange: (rows: HeaderRow[]) => void }) {
  const set = (i: number, patch: Partial<HeaderRow>) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="text-xs font-medium text-slate-600 dark:text-slate-300">Headers</legend>
      {rows.map((row, i) => (
        // Rows have no identity of their own but their place: removing one re-keys the rest, which is harmless here.
        <div key={i} className="flex items-center gap-2">
          <input
            aria-label={`Header ${i + 1} name`}
            value={row.name}
            onChange={(e) => set(i, { name: e.target.value })}
            placeholder="end-user"
            className={`${inputClass} font-mono`}
          />
          <input
            aria-label={`Header ${i + 1} value`}
            value={row.value}
            onChange={(e) => set(i, { value: e.target.value })}
            placeholder="jason"
            className={`${inputClass} font-mono`}
          />
          <button
            type="button"
            className={buttonClass}
            aria-label={`Remove header ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <div>
        <button type="button" className={buttonClass} onClick={() => onChange([...rows, { name: "", value: "" }])}>
          Add a header
        </button>
      </div>
    </fieldset>
  );
}

export function ExplainForm({
  initial,
  onSubmit,
}: {
  initial: ExplainFormState;
  onSubmit: (form: ExplainFormState) => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof ExplainFormState, string>>>({});
  const namespaces = useNamespaces();
  const set = (patch: Partial<ExplainFormState>) => setDraft((d) => ({ ...d, ...patch }));

  const chooseSource = (value: string) => {
    const [namespace, name] = value.split("/");
    if (name && namespace) set({ namespace, source: name });
    else set({ source: value });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const request = explanationRequest(draft);
    if (request.state === "invalid") return setErrors(request.errors);
    if (request.state === "incomplete") {
      return setErrors({
        ...(draft.namespace ? {} : { namespace: "choose the caller's namespace" }),
        ...(draft.source.trim() ? {} : { source: "choose the calling workload" }),
        ...(draft.host.trim() ? {} : { host: "give the request's host, e.g. reviews" }),
      });
    }
    setErrors({});
    onSubmit(draft);
  };

  const names = namespaces.data?.namespaces.map((n) => n.name) ?? [];
  return (
    <form aria-label="The request to explain" onSubmit={submit} noValidate className="flex flex-col gap-3">
      <div className="grid gap-3 md:grid-cols-3">
        <LabelledField label="Namespace" error={errors.namespace}>
          {(id, aria) => (
            <select
              id={id}
              {...aria}
              value={draft.namespace}
              onChange={(e) => set({ namespace: e.target.value, source: "" })}
              className={inputClass}
            >
              <option value="">Choose a namespace</option>
              {/* A linked namespace the list does not (yet) have stays selectable. */}
              {[...new Set([...(draft.namespace ? [draft.namespace] : []), ...names])].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </LabelledField>
        <LabelledField
          label="Source workload"
          hint="The caller; a gateway for a request from outside."
          error={errors.source}
        >
          {(id, aria) => (
            <select
              id={id}
              {...aria}
              value={draft.source}
              onChange={(e) => chooseSource(e.target.value)}
              className={inputClass}
            >
              <SourceOptions namespace={draft.namespace} current={draft.source} />
            </select>
          )}
        </LabelledField>
        <LabelledField label="Host" hint="As the caller dials it: reviews, or a gateway's host." error={errors.host}>
          {(id, aria) => (
            <>
              <input
                id={id}
                {...aria}
                list={`${id}-hosts`}
                value={draft.host}
                onChange={(e) => set({ host: e.target.value })}
                placeholder="reviews"
                className={inputClass}
              />
              <HostSuggestions id={`${id}-hosts`} namespace={draft.namespace} />
            </>
          )}
        </LabelledField>
        <LabelledField label="Port" hint="Empty: the service's first HTTP port." error={errors.port}>
          {(id, aria) => (
            <input
              id={id}
              {...aria}
              inputMode="numeric"
              value={draft.port}
              onChange={(e) => set({ port: e.target.value })}
              placeholder="9080"
              className={inputClass}
            />
          )}
        </LabelledField>
        <LabelledField label="Method" error={errors.method}>
          {(id, aria) => (
            <select
              id={id}
              {...aria}
              value={draft.method}
              onChange={(e) => set({ method: e.target.value })}
              className={inputClass}
            >
              {[...new Set([...explainMethods, draft.method])].map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          )}
        </LabelledField>
        <LabelledField label="Path" error={errors.path}>
          {(id, aria) => (
            <input
              id={id}
              {...aria}
              value={draft.path}
              onChange={(e) => set({ path: e.target.value })}
              placeholder="/reviews/0"
              className={`${inputClass} font-mono`}
            />
          )}
        </LabelledField>
      </div>
      <HeaderRows rows={draft.headers} onChange={(headers) => set({ headers })} />
      {errors.headers && <p className="text-xs text-bad">{errors.headers}</p>}
      <div>
        <button
          type="submit"
          className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
        >
          Explain
        </button>
      </div>
    </form>
  );
}
