/**
 * The behaviour of Istio's sample workloads, one row per app (and version where they
 * differ). Whom the apps call, with their own timeouts and tries, comes from
 * lib/istio/sample-client-calls.ts, the table the console's budget analysis reads too: they
 * are what make Bookinfo's fault-injection task interesting (productpage tries reviews
 * twice with 3 s each; reviews v2 waits 10 s for ratings, v3 2.5 s; v1 never calls it).
 */
import { sampleClientRowFor } from "@/lib/istio/sample-client-calls";
import { TRACE_HEADERS } from "../telemetry/trace-headers";
import type { CallSpec, WorkloadBehaviour } from "./types";

export interface BehaviourRow {
  app: string;
  version?: string;
  behaviour: Partial<WorkloadBehaviour>;
}

export const DEFAULT_BEHAVIOUR: WorkloadBehaviour = {
  latency: { p50: 5, p99: 25 },
  errorRate: 0,
  errorStatus: 500,
  // What gRPC servers answer for an unhandled error.
  grpcErrorStatus: 2,
  calls: [],
  // Every app forwards the request id and trace context, as Bookinfo's do; the synthetic mesh's too.
  forwardHeaders: [...TRACE_HEADERS],
  responseBytes: 400,
  onCallFailure: "fail",
};

const rowOf = (app: string, version?: string) => sampleClientRowFor(version === undefined ? { app } : { app, version });

/** The calls the shared table gives an app (and version). */
const callsOf = (app: string, version?: string): CallSpec[] => [...(rowOf(app, version)?.calls ?? [])];

/** The headers the shared table says an app (and version) copies onto its calls, with the trace context. */
const forwardedBy = (app: string, version?: string): string[] => [
  ...TRACE_HEADERS,
  ...(rowOf(app, version)?.forwardHeaders ?? []),
];

export const SAMPLE_WORKLOADS: readonly BehaviourRow[] = [
  {
    app: "productpage",
    behaviour: {
      latency: { p50: 12, p99: 60 },
      calls: callsOf("productpage"),
      forwardHeaders: forwardedBy("productpage"),
      responseBytes: 5200,
      onCallFailure: "degrade",
    },
  },
  { app: "details", behaviour: { latency: { p50: 2, p99: 10 }, responseBytes: 178 } },
  {
    app: "reviews",
    version: "v1",
    behaviour: {
      forwardHeaders: forwardedBy("reviews", "v1"),
      latency: { p50: 8, p99: 40 },
      responseBytes: 358,
      userAgent: "Apache-CXF/3.1.18",
      onCallFailure: "degrade",
    },
  },
  {
    app: "reviews",
    version: "v2",
    behaviour: {
      forwardHeaders: forwardedBy("reviews", "v2"),
      latency: { p50: 9, p99: 45 },
      responseBytes: 441,
      calls: callsOf("reviews", "v2"),
      userAgent: "Apache-CXF/3.1.18",
      onCallFailure: "degrade",
    },
  },
  {
    app: "reviews",
    version: "v3",
    behaviour: {
      forwardHeaders: forwardedBy("reviews", "v3"),
      latency: { p50: 9, p99: 45 },
      responseBytes: 437,
      calls: callsOf("reviews", "v3"),
      userAgent: "Apache-CXF/3.1.18",
      onCallFailure: "degrade",
    },
  },
  { app: "ratings", behaviour: { latency: { p50: 2, p99: 9 }, responseBytes: 48 } },
  // go-httpbin's /get answers in about a millisecond.
  { app: "httpbin", behaviour: { latency: { p50: 1, p99: 5 }, responseBytes: 260 } },
  // Istio's echo test app (samples/grpc-echo): answers gRPC Echo calls in about a millisecond.
  { app: "echo", behaviour: { latency: { p50: 1, p99: 6 }, responseBytes: 120 } },
  { app: "tcp-echo", version: "v1", behaviour: { latency: { p50: 2, p99: 8 }, echoPrefixBytes: 4 } },
  { app: "tcp-echo", version: "v2", behaviour: { latency: { p50: 2, p99: 8 }, echoPrefixBytes: 4 } },
];
