/** What every part of a request's journey needs: the clock, randomness, config, state and telemetry. */
import type { BehaviourTable } from "../behaviour/behaviour-table";
import type { ConfigSnapshot, PodInfo } from "@/lib/istio/routing/snapshot";
import type { ProxyStates } from "../proxy/proxy-state";
import type { HttpRequest } from "@/lib/istio/routing/types";
import type { MetricRegistry } from "../telemetry/metric-registry";
import type { ProxyRecordSink } from "../telemetry/proxy-record";
import type { IdSource } from "./request-ids";
import type { Rng } from "./rng";
import type { Scheduler } from "./scheduler";

export interface EngineContext {
  scheduler: Scheduler;
  rng: Rng;
  snapshot(): ConfigSnapshot;
  telemetry: MetricRegistry;
  /** Every proxy's record of every HTTP request it finished (access logs and spans are made from these). */
  proxyRecords: ProxyRecordSink;
  /** Epoch ms of virtual time 0: a record's wall-clock time is `epochMs + virtual ms`. */
  epochMs: number;
  /** Request, trace and span ids and client ports, from a stream apart from `rng` (engine/request-ids.ts). */
  ids: IdSource;
  /** Share of new traces sampled, 0–100 (Istio's demo profile: 100). */
  traceSamplingPercent: number;
  behaviours: BehaviourTable;
  proxies: ProxyStates;
  /** Sends one HTTP request (one try of the application's); the response always arrives in a later event. */
  sendHttp(caller: Caller, request: HttpRequest, done: (response: HttpResponse) => void): Cancellable;
}

/** Who sends a request: a pod (its sidecar or gateway routes it) or the world outside (no pod). */
export interface Caller {
  pod?: PodInfo;
  /** For a gateway: the `namespace/name` of the Gateways whose servers accepted the request. */
  gateways?: string[];
}

export interface HttpResponse {
  /** 0 when the connection failed or was reset before a response. */
  status: number;
  bytes: number;
  /** gRPC only: the grpc-status the answer carries (engine/grpc.ts). */
  grpcStatus?: number;
  /**
   * From a client proxy: Envoy's %RESPONSE_CODE_DETAILS% (`via_upstream`, `route_not_found`, …), so a real
   * client at the ingress (ingress/ingress-listeners.ts) gets the body Envoy's local reply has.
   */
  details?: string;
}

/** Lets the sender give up: the application closes its connection. */
export interface Cancellable {
  cancel(): void;
}

/** One hop across the node network: half a millisecond or so, with a tail. */
export function networkDelay(ctx: EngineContext): number {
  return ctx.rng.logNormal(0.4, 0.35);
}

export function proxyKeyOf(pod: PodInfo): string {
  return `${pod.namespace}/${pod.name}`;
}
