"use client";

import Link from "next/link";
import { isActiveStatus } from "@/lib/contracts/experiments";
import { isInSelection } from "@/lib/namespace-param";
import { formatLocalDateTime } from "@/lib/format-time";
import { useExperiments } from "@/lib/queries/experiments";
import { useSelectedNamespaces } from "@/components/shell/use-selected-namespaces";
import { StatusBadge, VerdictBadge } from "./experiment-badges";
import { experimentTitle } from "./experiment-title";
import { QueryNotice } from "./query-notice";

/**
 * The experiments of the selected namespaces (all without a selection), newest first; a row links to the live page
 * or, once finished, the report. Filtered here: the API filters by one namespace, the selection may name several.
 */
export function ExperimentList() {
  const query = useExperiments();
  const [selected] = useSelectedNamespaces();
  if (!query.isSuccess) return <QueryNotice query={query} loading="Loading experiments…" />;
  const items = query.data.items.filter((e) => isInSelection(selected, e.namespace));
  const elsewhere = query.data.items.length - items.length;
  const hiddenNote = elsewhere > 0 && (
    <p className="text-sm text-slate-600 dark:text-slate-400">
      {elsewhere} more in namespaces not selected in the top bar.
    </p>
  );
  if (items.length === 0) {
    return (
      <div className="space-y-1">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {selected.length > 0 ? `No experiments in ${selected.join(", ")}.` : "No experiments yet."} Start one from a
          service, or from a node in the graph.
        </p>
        {hiddenNote}
      </div>
    );
  }
  return (
    <div className="space-y-2">
      {hiddenNote}
      <table className="w-full text-left text-sm" aria-label="Experiments">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-3">Experiment</th>
            <th className="py-2 pr-3">Namespace</th>
            <th className="py-2 pr-3">Status</th>
            <th className="py-2 pr-3">Phase</th>
            <th className="py-2 pr-3">Verdict</th>
            <th className="py-2">Created</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {items.map((e) => (
            <tr key={e.id} data-experiment-id={e.id}>
              <td className="py-2 pr-3">
                <Link
                  href={isActiveStatus(e.status) ? `/experiments/${e.id}` : `/experiments/${e.id}/report`}
                  className="font-medium text-sky-700 underline dark:text-sky-300"
                >
                  {experimentTitle(e)}
                </Link>
              </td>
              <td className="py-2 pr-3">{e.namespace}</td>
              <td className="py-2 pr-3">
                <StatusBadge status={e.status} />
              </td>
              <td className="py-2 pr-3">
                {e.phase}
                {e.currentWeight !== null && isActiveStatus(e.status) ? ` (${e.currentWeight}%)` : ""}
              </td>
              <td className="py-2 pr-3">
                <VerdictBadge verdict={e.verdict} />
              </td>
              <td className="py-2">
                <time dateTime={e.createdAt}>{formatLocalDateTime(e.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
