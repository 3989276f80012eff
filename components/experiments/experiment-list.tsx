"use client";

import Link from "next/link";
import { isActiveStatus } from "@/lib/contracts/experiments";
import { formatLocalDateTime } from "@/lib/format-time";
import { useExperiments } from "@/lib/queries/experiments";
import { StatusBadge, VerdictBadge } from "./experiment-badges";
import { experimentTitle } from "./experiment-title";
import { QueryNotice } from "./query-notice";

/** All experiments, newest first; a row links to the live page or, once finished, the report. */
export function ExperimentList() {
  const query = useExperiments();
  if (!query.isSuccess) return <QueryNotice query={query} loading="Loading experiments…" />;
  if (query.data.items.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No experiments yet. Start one from a service, or from a node in the graph.
      </p>
    );
  }
  return (
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
        {query.data.items.map((e) => (
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
  );
}
