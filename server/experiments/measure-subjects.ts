/**
 * Turns the machine's observation request into numbers: four instant queries per subject
 * (request rate, failure rate, p95, p99) at the evaluation time, over the machine's window.
 * Prometheus is reached only through the injected `queryPrometheus`, so tests can point it
 * at any Prometheus (or a fake) and add label matchers that pick one simulator's series.
 */
import "server-only";
import type { QueryResult } from "@/server/adapters/prometheus";
import type { LabelMatcher } from "@/server/adapters/prometheus/promql";
import { subjectQueries, type MeasureSubject } from "./experiment-promql";
import type { Measurement, Observation, ObservationRequest, SubjectName } from "./machine-types";

export type QueryPrometheus = (promql: string, time: Date) => Promise<QueryResult>;

/** The single value of an aggregated instant query; null when there is none (no traffic) or it is NaN. */
function scalarOf(result: QueryResult): number | null {
  const value =
    result.kind === "vector" ? result.samples[0]?.value : result.kind === "scalar" ? result.value : undefined;
  return value === undefined || !Number.isFinite(value) ? null : value;
}

export async function measureSubject(
  query: QueryPrometheus,
  subject: MeasureSubject,
  windowSeconds: number,
  time: Date,
  extra: LabelMatcher[] = [],
): Promise<Measurement> {
  const q = subjectQueries(subject, windowSeconds, extra);
  const [requests, failures, p95, p99] = await Promise.all(
    [q.requests, q.failures, q.p95, q.p99].map(async (promql) => scalarOf(await query(promql, time))),
  );
  const rps = requests ?? 0;
  const successRate = rps > 0 ? 100 * (1 - (failures ?? 0) / rps) : null;
  return { rps, successRate, p95: rps > 0 ? (p95 ?? null) : null, p99: rps > 0 ? (p99 ?? null) : null };
}

export async function measureObservation(
  query: QueryPrometheus,
  subjects: Partial<Record<SubjectName, MeasureSubject>>,
  request: ObservationRequest,
  time: Date,
  extra: LabelMatcher[] = [],
): Promise<Observation> {
  const measurements: Partial<Record<SubjectName, Measurement>> = {};
  await Promise.all(
    request.subjects.map(async (name) => {
      const subject = subjects[name];
      if (subject) measurements[name] = await measureSubject(query, subject, request.windowSeconds, time, extra);
    }),
  );
  return { windowSeconds: request.windowSeconds, measurements };
}
