/**
 * The server side of one HTTP request: the inbound sidecar (if the pod has one) and the
 * application behind it. The application waits part of its own latency, makes its calls
 * one after the other (each with its own timeout and tries), waits the rest, and answers.
 * The inbound sidecar reports `reporter="destination"` when the answer leaves — or, if
 * the caller hangs up first, right then with response_code 0 and flag DC. The
 * application does not notice a hang-up: its own outgoing calls carry on, as real apps'
 * do, and their telemetry shows it. A gRPC request (engine/grpc.ts) is answered with HTTP
 * 200 and a grpc-status: 0, or the workload's gRPC error status when it fails.
 */
import type { PodInfo, WorkloadIdentity } from "../config/snapshot";
import type { HttpRequest } from "../router/types";
import type { ServiceLabels } from "../telemetry/labels";
import { appCall } from "./app-call";
import type { Cancellable, EngineContext, HttpResponse } from "./context";
import { GRPC_STATUS, isGrpcRequest } from "./grpc";
import {
  addressOf,
  authorityOf,
  bodyBytesOf,
  clientAddressOf,
  decoratorOf,
  inboundClusterOf,
  INBOUND_PASSTHROUGH_IP,
  protocolOf,
} from "./proxy-addresses";
import { startServerSpan } from "./trace-propagation";
import { RESPONSE_FLAGS, VIA_UPSTREAM } from "../telemetry/response-flags";

export interface InboundRequest {
  request: HttpRequest;
  service: ServiceLabels;
  /** The calling workload, known to the inbound sidecar through Istio's metadata exchange; undefined = unknown. */
  source: WorkloadIdentity | undefined;
  mutualTls: boolean;
  requestBytes: number;
  /** The pod port the request arrives at (the service port's targetPort). */
  targetPort: number;
  /** The service port the caller's proxy sent it to: with the service's host, the inbound route's decorator. */
  servicePort?: number;
  /** The caller's end of the connection (%DOWNSTREAM_REMOTE_ADDRESS%), when it has an address. */
  callerAddress?: string;
  /** SNI the caller's sidecar sent over Istio mTLS. */
  serverName?: string;
}

const ERROR_BODY_BYTES = 60;

export function serveHttp(
  ctx: EngineContext,
  pod: PodInfo,
  inbound: InboundRequest,
  done: (response: HttpResponse) => void,
): Cancellable {
  const { scheduler, rng } = ctx;
  const behaviour = ctx.behaviours.behaviourOf(pod);
  const start = scheduler.now;
  const latency = rng.logNormal(
    behaviour.latency.p50,
    Math.log(Math.max(behaviour.latency.p99, behaviour.latency.p50 * 1.01) / behaviour.latency.p50) / 2.3263,
  );
  let finished = false;
  let failedCalls = 0;
  const grpc = isGrpcRequest(inbound.request);
  const { request, targetPort } = inbound;
  // Only a sidecar takes part in the trace; an app without one gets the request as it was sent.
  const span = pod.hasSidecar ? startServerSpan(ctx, request.headers) : undefined;

  const record = (code: number, flags: string, bytes: number, grpcStatus?: number): void => {
    if (!span) return;
    const durationMs = Math.round(scheduler.now - start);
    const podAddress = addressOf(pod.ip, targetPort);
    const callerAddress = inbound.callerAddress;
    const upstreamLocal = clientAddressOf(ctx, INBOUND_PASSTHROUGH_IP);
    const userAgent = request.headers["user-agent"];
    const forwardedFor = request.headers["x-forwarded-for"];
    ctx.proxyRecords.record({
      pod,
      direction: "inbound",
      startedAtMs: ctx.epochMs + start,
      durationMs,
      ...(code !== 0 ? { upstreamServiceTimeMs: durationMs } : {}),
      method: request.method,
      path: request.path,
      protocol: protocolOf(request),
      authority: authorityOf(request),
      ...(userAgent !== undefined ? { userAgent } : {}),
      ...(forwardedFor !== undefined ? { forwardedFor } : {}),
      code,
      flags,
      details: flags === "DC" ? (RESPONSE_FLAGS.DC.details ?? "-") : VIA_UPSTREAM,
      bytesReceived: bodyBytesOf(request, inbound.requestBytes),
      bytesSent: bytes,
      requestId: span.requestId,
      ...(podAddress !== undefined ? { upstreamHost: podAddress, downstreamLocalAddress: podAddress } : {}),
      upstreamCluster: inboundClusterOf(targetPort),
      ...(upstreamLocal !== undefined ? { upstreamLocalAddress: upstreamLocal } : {}),
      ...(callerAddress !== undefined ? { downstreamRemoteAddress: callerAddress } : {}),
      ...(inbound.serverName !== undefined ? { requestedServerName: inbound.serverName } : {}),
      routeName: "default",
      // Istio names the inbound route after the service, whatever authority the caller sent (a
      // gateway forwards the browser's `Host`).
      operationName: decoratorOf(inbound.service.host, inbound.servicePort ?? request.port),
      ...(grpcStatus !== undefined ? { grpcStatus } : {}),
      trace: span.trace,
    });
  };

  const report = (code: number, flags: string, bytes: number, grpcStatus?: number): void => {
    if (!pod.hasSidecar) return;
    ctx.telemetry.recordRequest({
      reporter: "destination",
      source: inbound.source,
      destination: pod.identity,
      mutualTls: inbound.mutualTls,
      service: inbound.service,
      protocol: grpc ? "grpc" : "http",
      code,
      ...(grpcStatus !== undefined ? { grpcStatus } : {}),
      flags,
      security: inbound.mutualTls ? "mutual_tls" : "none",
      durationMs: scheduler.now - start,
      requestBytes: inbound.requestBytes,
      responseBytes: bytes,
    });
    record(code, flags, bytes, grpcStatus);
  };

  const respond = (): void => {
    if (finished) return;
    finished = true;
    const ownError = behaviour.errorRate > 0 && rng.next() < behaviour.errorRate;
    const failed = ownError || (failedCalls > 0 && behaviour.onCallFailure === "fail");
    const status = grpc || !failed ? 200 : ownError ? behaviour.errorStatus : 500;
    const grpcStatus = grpc ? (failed ? behaviour.grpcErrorStatus : GRPC_STATUS.ok) : undefined;
    const bytes = !failed ? Math.round(rng.logNormal(behaviour.responseBytes, 0.05)) : ERROR_BODY_BYTES;
    report(status, "-", bytes, grpcStatus);
    done({ status, bytes, ...(grpcStatus !== undefined ? { grpcStatus } : {}) });
  };

  const forwarded: Record<string, string> = {};
  const appHeaders = span?.headers ?? request.headers;
  for (const name of behaviour.forwardHeaders) {
    const value = appHeaders[name];
    if (value !== undefined) forwarded[name] = value;
  }
  if (behaviour.userAgent !== undefined && forwarded["user-agent"] === undefined)
    forwarded["user-agent"] = behaviour.userAgent;

  const runCall = (index: number): void => {
    const call = behaviour.calls[index];
    if (!call) {
      scheduler.after(latency / 2, respond);
      return;
    }
    appCall(ctx, pod, call, forwarded, (ok) => {
      if (!ok) failedCalls++;
      runCall(index + 1);
    });
  };
  scheduler.after(latency / 2, () => runCall(0));

  return {
    cancel() {
      if (finished) return;
      finished = true;
      report(0, "DC", 0);
    },
  };
}
