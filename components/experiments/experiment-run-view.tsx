"use client";

import Link from "next/link";
import { isActiveStatus } from "@/lib/contracts/experiments";
import { localizeTimestamps } from "@/lib/format-time";
import { useExperiment } from "@/lib/queries/experiments";
import { ExperimentControls } from "./experiment-controls";
import { StatusBadge, VerdictBadge } from "./experiment-badges";
import { experimentTitle } from "./experiment-title";
import { QueryNotice } from "./query-notice";
import { SchedulePanel } from "./schedule-panel";
import { GateChart } from "./gate-chart";
import { EventList, PhaseTimeline } from "./phase-timeline";
import { StepTable } from "./step-table";
import { canaryWeights, gateSeries, phaseSpans, stepResults } from "./timeline-model";
import { WeightsBar } from "./weights-bar";

const card = "space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

/** The live run page: phase, weights, each gate against its threshold, controls, timeline. */
export function ExperimentRunView({ id }: { id: string }) {
  const query = useExperiment(id);
  if (!query.isSuccess) return <QueryNotice query={query} loading="Loading the experiment…" />;
  const detail = query.data;
  const weights = canaryWeights(detail);
  const series = gateSeries(detail);
  const spans = phaseSpans(detail);
  const active = isActiveStatus(detail.status);
  return (
    <div
      className="space-y-4"
      data-testid="experiment-run"
      data-status={detail.status}
      data-verdict={detail.verdict ?? ""}
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{experimentTitle(detail)}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {detail.namespace}
            {detail.kubeContext ? ` on ${detail.kubeContext}` : ""} · started by {detail.actor} · phase{" "}
            <span data-testid="experiment-phase">{detail.phase}</span>
          </p>
        </div>
        <div className="flex items-center gap-4">
          <StatusBadge status={detail.status} />
          <VerdictBadge verdict={detail.verdict} />
        </div>
      </header>
      {!active && (
        <section aria-label="Verdict" className={card}>
          <p className="text-sm" data-testid="experiment-summary">
            {detail.summary && localizeTimestamps(detail.summary)}
          </p>
          <Link
            href={`/experiments/${detail.id}/report`}
            className="text-sm font-medium text-sky-700 underline dark:text-sky-300"
          >
            Open the report
          </Link>
        </section>
      )}
      {active && (
        <div className={card}>
          <SchedulePanel detail={detail} />
        </div>
      )}
      <ExperimentControls detail={detail} />
      <div className="grid gap-4 lg:grid-cols-[1fr_2fr]">
        <section aria-labelledby="phases-heading" className={card}>
          <h2 id="phases-heading" className="font-medium">
            Phases
          </h2>
          <PhaseTimeline events={detail.events} current={detail.phase} />
          {weights && (
            <>
              <h2 className="font-medium">Weights</h2>
              <WeightsBar weights={weights} />
            </>
          )}
          <Link
            href={`/graph?namespaces=${encodeURIComponent(detail.namespace)}`}
            className="block text-sm text-sky-700 underline dark:text-sky-300"
          >
            Watch the {detail.namespace} graph
          </Link>
        </section>
        <section aria-labelledby="gates-heading" className="space-y-3">
          <h2 id="gates-heading" className="font-medium">
            Gates
          </h2>
          {series.length === 0 ? (
            <p className="text-sm text-slate-500">
              No evaluation yet: gates are measured once a window holds a few scrapes.
            </p>
          ) : (
            series.map((s) => (
              <GateChart
                key={s.gate}
                series={s}
                spans={spans}
                version={detail.spec.kind === "canary" ? detail.spec.to : undefined}
              />
            ))
          )}
          {detail.kind === "canary" && <StepTable steps={stepResults(detail)} />}
        </section>
      </div>
      <section aria-labelledby="timeline-heading" className={card}>
        <h2 id="timeline-heading" className="font-medium">
          Timeline
        </h2>
        <EventList events={detail.events} />
      </section>
    </div>
  );
}
