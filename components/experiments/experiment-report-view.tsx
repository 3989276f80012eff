"use client";

import Link from "next/link";
import { isActiveStatus } from "@/lib/contracts/experiments";
import { formatLocalDateTime, localizeTimestamps } from "@/lib/format-time";
import { useExperiment } from "@/lib/queries/experiments";
import { StatusBadge, VerdictBadge } from "./experiment-badges";
import { experimentTitle } from "./experiment-title";
import { QueryNotice } from "./query-notice";
import { ReportDownloads } from "./report-downloads";
import { GateChart } from "./gate-chart";
import { EventList } from "./phase-timeline";
import { SpecSummary } from "./spec-summary";
import { StepTable } from "./step-table";
import { configChanges, gateSeries, phaseSpans, stepResults } from "./timeline-model";

const card = "space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

/** The shareable report: verdict, what was asked, before/during/after charts, the config changes. */
export function ExperimentReportView({ id }: { id: string }) {
  const query = useExperiment(id);
  if (!query.isSuccess) return <QueryNotice query={query} loading="Loading the report…" />;
  const detail = query.data;
  const changes = configChanges(detail);
  const spans = phaseSpans(detail);
  return (
    <article
      className="space-y-4"
      aria-label={`Report of ${experimentTitle(detail)}`}
      data-testid="experiment-report"
      data-verdict={detail.verdict ?? ""}
    >
      <header className="space-y-1">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-2xl font-semibold">Report: {experimentTitle(detail)}</h1>
          <ReportDownloads detail={detail} />
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {detail.namespace}
          {detail.kubeContext ? ` on ${detail.kubeContext}` : ""} · by {detail.actor} ·{" "}
          {detail.startedAt ? formatLocalDateTime(detail.startedAt) : "not started"}
          {detail.finishedAt ? ` – ${formatLocalDateTime(detail.finishedAt)}` : ""}
        </p>
      </header>
      <section aria-label="Verdict" className={card}>
        <div className="flex items-center gap-4">
          <VerdictBadge verdict={detail.verdict} />
          <StatusBadge status={detail.status} />
        </div>
        {isActiveStatus(detail.status) ? (
          <p className="text-sm">
            Still running —{" "}
            <Link href={`/experiments/${detail.id}`} className="text-sky-700 underline dark:text-sky-300">
              watch it live
            </Link>
            .
          </p>
        ) : (
          <p className="text-sm" data-testid="experiment-summary">
            {detail.summary && localizeTimestamps(detail.summary)}
          </p>
        )}
        <SpecSummary spec={detail.spec} />
      </section>
      <section aria-labelledby="charts-heading" className="space-y-3">
        <h2 id="charts-heading" className="font-medium">
          {detail.kind === "fault" ? "Before, during and after" : "Each step"}
        </h2>
        {gateSeries(detail).map((s) => (
          <GateChart
            key={s.gate}
            series={s}
            spans={spans}
            version={detail.spec.kind === "canary" ? detail.spec.to : undefined}
          />
        ))}
        {detail.kind === "canary" && <StepTable steps={stepResults(detail)} />}
      </section>
      <section aria-labelledby="changes-heading" className={card}>
        <h2 id="changes-heading" className="font-medium">
          Config changes made and reverted
        </h2>
        {changes.length === 0 ? (
          <p className="text-sm text-slate-500">The experiment changed nothing.</p>
        ) : (
          <EventList events={changes} />
        )}
        <p className="text-xs text-slate-500">
          Each change went through the audited write path; the audit id finds it in the history.
        </p>
      </section>
      <section aria-labelledby="timeline-heading" className={card}>
        <h2 id="timeline-heading" className="font-medium">
          Full timeline
        </h2>
        <EventList events={detail.events} />
      </section>
    </article>
  );
}
