/**
 * The PromQL an experiment's gates read, built only with the escaping builders of
 * server/adapters/prometheus/promql.ts. A "subject" is a set of requests: those a set of
 * workloads answered (inbound, reporter="destination"), or those a set of workloads made
 * (outbound, reporter="source" — where client-side faults, timeouts and give-ups show).
 * Failures are 5xx and "no response" (code 0: the caller gave up or the connection died),
 * the classes a canary or a fault should be judged on; 4xx are the client's own mistakes.
 * Every query takes the window explicitly, so a canary step is judged on its own traffic
 * (`[seconds since the step started]s`, evaluated at the end of the step).
 */
import "server-only";
import { escapeRegex, histogramQuantile, selector, sumRate, type LabelMatcher } from "@/server/adapters/prometheus/promql";

export interface MeasureSubject {
  direction: "inbound" | "outbound";
  namespace: string;
  /** The Kubernetes service the requests were addressed to (inbound only). */
  service?: string;
  /** The workloads that answered (inbound) or made (outbound) the requests. */
  workloads: string[];
}

export interface SubjectQueries {
  requests: string;
  failures: string;
  p95: string;
  p99: string;
}

const FAILURE_CODES = "5..|0";

function matchers(subject: MeasureSubject, extra: LabelMatcher[]): LabelMatcher[] {
  const workloads = subject.workloads.length > 0 ? subject.workloads.map(escapeRegex).join("|") : "^$";
  if (subject.direction === "inbound") {
    return [
      { label: "reporter", op: "=", value: "destination" },
      { label: "destination_workload_namespace", op: "=", value: subject.namespace },
      { label: "destination_workload", op: "=~", value: workloads },
      ...(subject.service ? [{ label: "destination_service_name", op: "=", value: subject.service } as const] : []),
      ...extra,
    ];
  }
  return [
    { label: "reporter", op: "=", value: "source" },
    { label: "source_workload_namespace", op: "=", value: subject.namespace },
    { label: "source_workload", op: "=~", value: workloads },
    ...extra,
  ];
}

/** The four queries that measure one subject over the last `windowSeconds`. */
export function subjectQueries(subject: MeasureSubject, windowSeconds: number, extra: LabelMatcher[] = []): SubjectQueries {
  const base = matchers(subject, extra);
  const buckets = selector("istio_request_duration_milliseconds_bucket", base);
  return {
    requests: sumRate(selector("istio_requests_total", base), windowSeconds),
    failures: sumRate(selector("istio_requests_total", [...base, { label: "response_code", op: "=~", value: FAILURE_CODES }]), windowSeconds),
    p95: histogramQuantile(0.95, buckets, windowSeconds),
    p99: histogramQuantile(0.99, buckets, windowSeconds),
  };
}
