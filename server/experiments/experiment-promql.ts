/**
 * The PromQL an experiment's gates read, built only with the escaping builders of
 * server/adapters/prometheus/promql.ts. A "subject" is a set of requests, one row of
 * DIRECTIONS below:
 * - callers: the requests TO a service as its callers' proxies report them
 *   (reporter="source", by destination service) — the only place Istio's injected aborts
 *   and delays show, because they happen in the caller's proxy (istio-facts.md §3);
 * - inbound: those a set of workloads answered (reporter="destination");
 * - outbound: those a set of workloads made (reporter="source" — where client-side faults,
 *   timeouts and give-ups show).
 * Failures are the error classes of lib/istio/response-classes.ts — the graph's and the
 * charts' definition (no response, 4xx, 5xx, a gRPC status other than OK), so a canary is
 * judged on the numbers its pages show; a gRPC backend answering UNAVAILABLE with HTTP 200
 * fails its gates.
 * Every query takes the window explicitly, so a canary step is judged on its own traffic
 * (`[seconds since the step started]s`, evaluated at the end of the step).
 */
import "server-only";
import { errorRequestMatchers } from "@/lib/istio/response-classes";
import {
  escapeRegex,
  histogramQuantile,
  selector,
  sumRate,
  sumRateUnion,
  type LabelMatcher,
} from "@/server/adapters/prometheus/promql";

export type SubjectDirection = "callers" | "inbound" | "outbound";

export interface MeasureSubject {
  direction: SubjectDirection;
  namespace: string;
  /** The Kubernetes service the requests were addressed to (inbound: optional; callers: required). */
  service?: string;
  /** The workloads that answered (inbound) or made (outbound) the requests; unused for callers. */
  workloads: string[];
}

export interface SubjectQueries {
  requests: string;
  failures: string;
  p95: string;
  p99: string;
}

/** A regex matching exactly these workloads, or nothing rather than everything when none is known. */
const workloadsRegex = (subject: MeasureSubject) =>
  subject.workloads.length > 0 ? subject.workloads.map(escapeRegex).join("|") : "^$";

/** Which series hold each kind of subject. */
const DIRECTIONS: Record<SubjectDirection, (subject: MeasureSubject) => LabelMatcher[]> = {
  callers: (s) => {
    if (!s.service) throw new Error("a callers subject names the service its callers call");
    return [
      { label: "reporter", op: "=", value: "source" },
      { label: "destination_service_name", op: "=", value: s.service },
      { label: "destination_service_namespace", op: "=", value: s.namespace },
    ];
  },
  inbound: (s) => [
    { label: "reporter", op: "=", value: "destination" },
    { label: "destination_workload_namespace", op: "=", value: s.namespace },
    { label: "destination_workload", op: "=~", value: workloadsRegex(s) },
    ...(s.service ? [{ label: "destination_service_name", op: "=", value: s.service } as const] : []),
  ],
  outbound: (s) => [
    { label: "reporter", op: "=", value: "source" },
    { label: "source_workload_namespace", op: "=", value: s.namespace },
    { label: "source_workload", op: "=~", value: workloadsRegex(s) },
  ],
};

/** The four queries that measure one subject over the last `windowSeconds`. */
export function subjectQueries(
  subject: MeasureSubject,
  windowSeconds: number,
  extra: LabelMatcher[] = [],
): SubjectQueries {
  const base = [...DIRECTIONS[subject.direction](subject), ...extra];
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
