/**
 * The PromQL an experiment's gates read, built only with the escaping builders of
 * server/adapters/prometheus/promql.ts. A "subject" is a set of requests: those a set of
 * workloads answered (inbound, reporter="destination"), or those a set of workloads made
 * (outbound, reporter="source" — where client-side faults, timeouts and give-ups show).
 * Failures are the error classes of lib/istio/response-classes.ts — the graph's and the
 * charts' definition (no response, 4xx, 5xx, a gRPC status other than OK), so a canary is
 * judged on the numbers its pages show; a gRPC backend answering UNAVAILABLE with HTTP 200
 * fails its gates.
 * Every query takes the window explicitly, so a canary step is judged on its own traffic
 * (`[seconds since the step started]s`, evaluated at the end of the step).
 */
import "server-only";
import { errorRequestMatchers } from "@/lib/istio/response-classes";
import { escapeRegex, histogramQuantile, selector, sumRate, sumRateUnion, type LabelMatcher } from "@/server/adapters/prometheus/promql";

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
    failures: sumRateUnion(
      errorRequestMatchers().map((errors) => selector("istio_requests_total", [...base, ...errors])),
      windowSeconds,
    ),
    p95: histogramQuantile(0.95, buckets, windowSeconds),
    p99: histogramQuantile(0.99, buckets, windowSeconds),
  };
}
