/**
 * What the applications of Istio's samples do as HTTP clients: whom they call, with which
 * timeout and how many tries. These figures live in the samples' code, not in any Kubernetes
 * or Istio object, so a console cannot read them from the cluster; this table states them
 * once (istio-facts §1, from istio/istio `samples/bookinfo/src`): productpage waits 3 s for
 * details and tries reviews twice with 3 s each (the deliberate bug of the fault-injection
 * task); reviews v2 waits 10 s for ratings, v3 2.5 s; v1 never calls it.
 *
 * The simulator runs the apps from this table (sim/mesh/behaviour/sample-workloads.ts) and
 * the console's budget analysis (server/diagnosis) reasons from it, so the two cannot drift.
 * A row applies to a workload by its `app` and `version` labels, as the simulator matches it.
 */

export interface ClientCall {
  /** The name the application dials (resolved through the caller's DNS search path). */
  service: string;
  /** Service port; absent = the service's first port. */
  port?: number;
  path: string;
  /** Absent = GET. */
  method?: string;
  /** The application's own timeout per try; absent = it waits as long as it takes. */
  timeoutMs?: number;
  /** How many times the application tries before giving up (productpage tries reviews twice). */
  tries: number;
}

export interface SampleClientRow {
  app: string;
  /** Absent = every version of the app. */
  version?: string;
  /**
   * Headers of its own request the app copies onto its calls, besides the trace context every
   * app forwards (TRACE_CONTEXT_HEADERS): Bookinfo's `end-user`, which the guides' routing
   * matches on every hop.
   */
  forwardHeaders: readonly string[];
  /** Where the figures come from, for a reader who wants to check them. */
  source: string;
  /** Made one after the other, as Bookinfo's services make them. */
  calls: readonly ClientCall[];
}

const BOOKINFO_SOURCE = "Istio's Bookinfo sample (samples/bookinfo/src)";

/**
 * The request id and the trace context in both encodings (B3, W3C): what an app must copy from
 * its incoming request onto its calls for a trace to join up, as Bookinfo's apps do.
 */
export const TRACE_CONTEXT_HEADERS = [
  "x-request-id",
  "x-b3-traceid",
  "x-b3-spanid",
  "x-b3-parentspanid",
  "x-b3-sampled",
  "traceparent",
] as const;

const ratingsCall = (timeoutMs: number): ClientCall => ({
  service: "ratings",
  port: 9080,
  path: "/ratings/0",
  timeoutMs,
  tries: 1,
});

export const SAMPLE_CLIENT_CALLS: readonly SampleClientRow[] = [
  {
    app: "productpage",
    source: BOOKINFO_SOURCE,
    forwardHeaders: ["end-user", "user-agent"],
    calls: [
      { service: "details", port: 9080, path: "/details/0", timeoutMs: 3000, tries: 1 },
      { service: "reviews", port: 9080, path: "/reviews/0", timeoutMs: 3000, tries: 2 },
    ],
  },
  { app: "reviews", version: "v1", source: BOOKINFO_SOURCE, forwardHeaders: ["end-user"], calls: [] },
  {
    app: "reviews",
    version: "v2",
    source: BOOKINFO_SOURCE,
    forwardHeaders: ["end-user"],
    calls: [ratingsCall(10_000)],
  },
  { app: "reviews", version: "v3", source: BOOKINFO_SOURCE, forwardHeaders: ["end-user"], calls: [ratingsCall(2_500)] },
];

/** The row for a workload with these labels, if its app is one of the samples'. */
export function sampleClientRowFor(labels: Readonly<Record<string, string>>): SampleClientRow | undefined {
  const app = labels.app;
  if (app === undefined) return undefined;
  return SAMPLE_CLIENT_CALLS.find(
    (row) => row.app === app && (row.version === undefined || row.version === labels.version),
  );
}
