/** What a workload does with a request: how long it takes, how often it fails, whom it calls. */
import type { ClientCall } from "@/lib/istio/sample-client-calls";

/** An app's outgoing call: the shape the samples' table declares (lib/istio/sample-client-calls.ts). */
export type CallSpec = ClientCall;

export interface LatencySpec {
  p50: number;
  p99: number;
}

export interface WorkloadBehaviour {
  latency: LatencySpec;
  /** Probability of answering `errorStatus` on its own (default 0). */
  errorRate: number;
  errorStatus: number;
  /** What a failing answer to a gRPC request carries as grpc-status (on HTTP 200); default 2, UNKNOWN. */
  grpcErrorStatus: number;
  /** Made one after the other, as Bookinfo's services do. */
  calls: CallSpec[];
  /** Request headers the application copies onto its outgoing calls (Bookinfo forwards `end-user`). */
  forwardHeaders: string[];
  responseBytes: number;
  /** The User-Agent of the app's HTTP client on calls that do not forward the caller's. */
  userAgent?: string;
  /** A failed call either degrades the answer (still 200, Bookinfo's "unavailable") or fails it (500). */
  onCallFailure: "degrade" | "fail";
  /** TCP servers: bytes prepended to the echo (tcp-echo's "one "/"two "). */
  echoPrefixBytes?: number;
}

/** What the control API may change on a running workload. */
export interface BehaviourOverride {
  errorRate?: number;
  /** The grpc-status of the failing answers to gRPC requests, e.g. 14 (UNAVAILABLE). */
  grpcStatus?: number;
  latencyMs?: { p50: number; p99?: number };
}
