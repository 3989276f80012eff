"use client";

/**
 * The experiment form's pickers: namespace, service and subsets come from the cluster, so an
 * experiment can be set up without typing a name that may not exist. Each reads the query
 * the rest of the console reads (namespaces, the services inventory, the traffic wizards'
 * state of a service), so the choices match what the other pages show.
 */
import { useId, type ReactNode } from "react";
import { useServiceList } from "@/lib/queries/inventory";
import { useNamespaces } from "@/lib/queries/namespaces";
import { useTrafficState } from "@/lib/queries/traffic";
import { namedHttpRoutes, subsetChoices } from "./experiment-form-model";

const select =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:opacity-50 dark:border-slate-700 dark:bg-slate-950";

interface Choice {
  value: string;
  label: string;
  disabled?: boolean;
}

/** A labelled select; `placeholder` is the empty choice, `status` says why there is nothing (yet) to choose. */
function PickerSelect({
  label,
  value,
  onChange,
  choices,
  placeholder,
  hint,
  status,
  disabled,
  loaded,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  choices: Choice[];
  placeholder: string;
  hint?: ReactNode;
  status?: { text: string; alert?: boolean };
  disabled?: boolean;
  /** The choices are the cluster's answer (not a list still loading or failed). */
  loaded: boolean;
}) {
  const id = useId();
  // A value the list does not hold (a deep link to a service that is gone) stays visible, so
  // the user sees what was asked for rather than a silently different choice; "not found"
  // only once the list has loaded.
  const shown =
    value && !choices.some((c) => c.value === value)
      ? [...choices, { value, label: loaded ? `${value} (not found)` : value }]
      : choices;
  return (
    <div className="space-y-1 text-sm">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select
        id={id}
        className={select}
        value={value}
        disabled={disabled}
        aria-describedby={hint || status ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{placeholder}</option>
        {shown.map((c) => (
          <option key={c.value} value={c.value} disabled={c.disabled}>
            {c.label}
          </option>
        ))}
      </select>
      {(hint || status) && (
        <span
          id={`${id}-hint`}
          role={status?.alert ? "alert" : undefined}
          className={`block text-xs ${status?.alert ? "text-red-700 dark:text-red-400" : "text-slate-500"}`}
        >
          {status?.text ?? hint}
        </span>
      )}
    </div>
  );
}

export function NamespacePicker({ value, onChange }: { value: string; onChange: (namespace: string) => void }) {
  const query = useNamespaces();
  const choices = (query.data?.namespaces ?? []).map((n) => ({ value: n.name, label: n.name }));
  return (
    <PickerSelect
      label="Namespace"
      value={value}
      onChange={onChange}
      choices={choices}
      placeholder={query.isPending ? "Loading namespaces…" : "Choose a namespace"}
      loaded={query.isSuccess}
      status={query.isError ? { text: `Cannot list namespaces: ${query.error.message}`, alert: true } : undefined}
    />
  );
}

export function ServicePicker({
  label,
  namespace,
  value,
  onChange,
  hint,
}: {
  label: string;
  namespace: string;
  value: string;
  onChange: (service: string) => void;
  hint?: string;
}) {
  const query = useServiceList(namespace, namespace !== "");
  const choices = (query.data?.items ?? []).map((s) => ({ value: s.name, label: s.name }));
  const status =
    namespace === ""
      ? { text: "Choose a namespace first." }
      : query.isError
        ? { text: `Cannot list the services of ${namespace}: ${query.error.message}`, alert: true }
        : query.isSuccess && choices.length === 0
          ? { text: `${namespace} has no services.` }
          : undefined;
  return (
    <PickerSelect
      label={label}
      value={value}
      onChange={onChange}
      choices={choices}
      placeholder={namespace !== "" && query.isPending ? "Loading services…" : "Choose a service"}
      loaded={query.isSuccess}
      hint={hint}
      status={status}
      disabled={namespace === ""}
    />
  );
}

/** The subsets of one service (its DestinationRule's, plus workload versions shown as not usable yet). */
export function SubsetPicker({
  label,
  namespace,
  service,
  value,
  onChange,
  placeholder = "Choose a subset",
  hint,
  taken,
}: {
  label: string;
  namespace: string;
  service: string;
  value: string;
  onChange: (subset: string) => void;
  placeholder?: string;
  hint?: string;
  /** A subset another picker of the form holds (A for the B picker): shown, not choosable. */
  taken?: { name: string; as: string };
}) {
  const ready = namespace !== "" && service !== "";
  const query = useTrafficState(namespace, service, ready);
  const choices = subsetChoices(query.data?.subsets ?? []).map((c) =>
    taken && c.name === taken.name
      ? { value: c.name, label: `${c.name} (already ${taken.as})`, disabled: true }
      : { value: c.name, label: c.label, disabled: c.disabled },
  );
  const usable = choices.some((c) => !c.disabled);
  const status = !ready
    ? { text: "Choose a service first." }
    : query.isError
      ? { text: `Cannot read the subsets of ${service}: ${query.error.message}`, alert: true }
      : query.isSuccess && !usable
        ? {
            text: `${service} has no DestinationRule subset with pods; define its subsets first (Traffic shifting on the service page).`,
          }
        : undefined;
  return (
    <PickerSelect
      label={label}
      value={value}
      onChange={onChange}
      choices={choices}
      placeholder={ready && query.isPending ? "Loading subsets…" : placeholder}
      loaded={query.isSuccess}
      hint={hint}
      status={status}
      disabled={!ready}
    />
  );
}

/** The HTTP route a canary shifts: the catch-all (empty) or one of the VirtualService's named routes. */
export function RulePicker({
  namespace,
  service,
  value,
  onChange,
  hint,
}: {
  namespace: string;
  service: string;
  value: string;
  onChange: (rule: string) => void;
  hint?: string;
}) {
  const ready = namespace !== "" && service !== "";
  const query = useTrafficState(namespace, service, ready);
  const choices = namedHttpRoutes(query.data?.virtualService).map((name) => ({ value: name, label: name }));
  return (
    <PickerSelect
      label="Rule (route name)"
      value={value}
      onChange={onChange}
      choices={choices}
      placeholder="The catch-all rule (requests no other rule matches)"
      loaded={query.isSuccess}
      hint={hint}
      status={
        query.isError
          ? { text: `Cannot read the routes of ${service}: ${query.error.message}`, alert: true }
          : undefined
      }
      disabled={!ready}
    />
  );
}
