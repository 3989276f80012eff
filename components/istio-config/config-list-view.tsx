"use client";

/** The /istio page: every Istio object of the selected namespaces, filtered, with badges and references. */
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { useSelectedNamespaces } from "@/components/shell/use-selected-namespaces";
import { MessageText } from "@/components/ui/message-text";
import { istioKinds } from "@/lib/istio/kinds";
import { formatNamespaceParam } from "@/lib/namespace-param";
import { useIstioObjects } from "@/lib/queries/istio-objects";
import { useCan } from "@/lib/queries/permissions";
import { CheckCounts } from "./check-counts";
import { buttonClass } from "./dialog-parts";
import {
  filterObjects,
  formatListFilter,
  parseListFilter,
  type ListFilter,
  type ValidationFilter,
} from "./list-filter";
import { newObjectHref, objectHref } from "./links";
import { ReferenceItem } from "./reference-list";

const fieldClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";
const validationLabels: Record<ValidationFilter, string> = {
  all: "Any",
  errors: "With errors",
  warnings: "With warnings",
  valid: "Valid",
};

export function ConfigListView() {
  const [namespaces] = useSelectedNamespaces();
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = useMemo(() => parseListFilter(new URLSearchParams(search.toString())), [search]);
  const update = (patch: Partial<ListFilter>) =>
    router.replace(
      `${pathname}?${formatListFilter({ ...filter, ...patch }, new URLSearchParams(search.toString())).toString()}`,
      { scroll: false },
    );
  const query = useIstioObjects(namespaces);
  // "New object…" opens on the first selected namespace; shown when the viewer may create there.
  const mayCreate = useCan(namespaces[0], "createIstioConfig");
  const selection = formatNamespaceParam(namespaces);
  const all = query.data?.objects ?? [];
  const shown = filterObjects(all, filter);

  return (
    <div
      className="flex flex-col gap-4"
      data-testid="istio-config-list"
      data-state={
        namespaces.length === 0 ? "no-namespaces" : query.isPending ? "loading" : query.error ? "error" : "loaded"
      }
    >
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">Istio config</h1>
        {namespaces.length > 0 && mayCreate && (
          <Link href={newObjectHref(namespaces[0] ?? "default")} className={buttonClass.primary}>
            New object…
          </Link>
        )}
      </div>
      {namespaces.length === 0 ? (
        <div
          role="status"
          className="rounded-lg border border-slate-200 bg-white p-5 text-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <p className="font-semibold">Pick a namespace</p>
          <p>
            Choose one or more namespaces with the Namespaces selector at the top of the page to list their Istio
            config.
          </p>
        </div>
      ) : (
        <>
          <form role="search" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
            <label className="flex flex-col text-xs font-medium">
              Name
              <input
                type="search"
                className={fieldClass}
                placeholder="Search by name"
                defaultValue={filter.search}
                onChange={(e) => update({ search: e.target.value.trim() })}
              />
            </label>
            <label className="flex flex-col text-xs font-medium">
              Kind
              <select className={fieldClass} value={filter.kind} onChange={(e) => update({ kind: e.target.value })}>
                <option value="">All kinds</option>
                {istioKinds.map((k) => (
                  <option key={k.kind} value={k.kind}>
                    {k.kind}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col text-xs font-medium">
              Validation
              <select
                className={fieldClass}
                value={filter.validation}
                onChange={(e) => update({ validation: e.target.value as ValidationFilter })}
              >
                {Object.entries(validationLabels).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <p className="text-xs text-slate-500" aria-live="polite">
              {query.data ? `${shown.length} of ${all.length} objects` : ""}
              {query.isFetching && query.data ? " · updating…" : ""}
            </p>
          </form>
          {query.isPending && <p role="status">Reading the Istio config of {namespaces.join(", ")}…</p>}
          {query.error && !query.data && (
            <div
              role="alert"
              className="space-y-2 rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
            >
              <p className="font-semibold">The Istio config could not be read</p>
              <p>
                <MessageText text={query.error.message} />
              </p>
              <button type="button" className={buttonClass.secondary} onClick={() => query.refetch()}>
                Try again
              </button>
            </div>
          )}
          {query.data && all.length === 0 && (
            <div
              role="status"
              className="rounded-lg border border-slate-200 bg-white p-5 text-sm dark:border-slate-800 dark:bg-slate-900"
            >
              <p className="font-semibold">No Istio config in {namespaces.join(", ")}</p>
              <p>
                These namespaces have no VirtualService, DestinationRule, Gateway or other Istio object yet. Create one
                from YAML with “New object…”.
              </p>
            </div>
          )}
          {query.data && all.length > 0 && (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Istio objects in {namespaces.join(", ")}</caption>
                <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      Name
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Namespace
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Kind
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Validation
                    </th>
                    <th scope="col" className="px-3 py-2">
                      References
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((o) => (
                    <tr
                      key={`${o.namespace}/${o.kind}/${o.name}`}
                      className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800"
                    >
                      <th scope="row" className="px-3 py-2 font-medium">
                        <Link
                          href={objectHref(o.kind, o.namespace, o.name, selection)}
                          className="text-sky-700 hover:underline dark:text-sky-400"
                        >
                          {o.name}
                        </Link>
                      </th>
                      <td className="px-3 py-2">{o.namespace}</td>
                      <td className="px-3 py-2">{o.kind}</td>
                      <td
                        className="px-3 py-2"
                        title={o.checks.map((c) => `${c.code}: ${c.message}`).join("\n") || undefined}
                      >
                        <CheckCounts errors={o.errors} warnings={o.warnings} />
                      </td>
                      <td className="px-3 py-2">
                        {o.references.length === 0 ? (
                          <span className="text-slate-400">—</span>
                        ) : (
                          <ul className="space-y-0.5">
                            {o.references.map((r) => (
                              <li key={`${r.kind}|${r.namespace}|${r.name}|${r.via}|${r.path}`}>
                                <ReferenceItem reference={r} />
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {shown.length === 0 && <p className="p-4 text-sm text-slate-500">No object matches these filters.</p>}
            </div>
          )}
        </>
      )}
    </div>
  );
}
