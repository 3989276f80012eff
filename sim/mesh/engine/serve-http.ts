/**
 * The server side of one HTTP request: the inbound sidecar (if the pod has one) and the
 * application behind it. The application waits part of its own latency, makes its calls
 * one after the other (each with its own timeout and tries), waits the rest, and answers.
 * The inbound sidecar reports `reporter="destination"` when the answer leaves — or, if
 * the caller hangs up first, right then with response_code 0 and flag DC. The
 * application does not notice a hang-up: its own outgoing calls carry on, as real apps'
 * do, and their telemetry shows it. A gRPC request (engine/grpc.ts) is answered with HTTP
 * 200 and a grpc-status: 0, or the workload's gRPC error status when it fails.
 *
 * Before the application sees anything, the sidecar's RBAC filters apply the pod's
 * AuthorizationPolicies (lib/istio/routing/authorize-request.ts). A denied request never reaches the
 * app: the sidecar answers 403 `RBAC: access denied` itself, with no response flag and
 * details naming the matched policy, and reports it like any answer (the caller's proxy
 * then reports the 403 it got from upstream). A denied gRPC call gets the trailers-only
 * 200 with grpc-status 7 (PERMISSION_DENIED), as Envoy converts its local replies.
 */
import type { PodInfo, WorkloadIdentity } from "@/lib/istio/routing/snapshot";
import { ipOfAddress } from "@/lib/istio/routing/authorization-matchers";
import {
  authorizationPoliciesFor,
  authorize,
  RBAC_DENIED_BODY,
  RBAC_DENIED_STATUS,
  rbacDeniedDetails,
} from "@/lib/istio/routing/authorize-request";
import type { HttpRequest } from "@/lib/istio/routing/types";
import type { ServiceLabels } from "../telemetry/labels";
import { appCall } from "./app-call";
import type { Cancellable, EngineContext, HttpResponse } from "./context";
import { GRPC_STATUS, grpcOutcome, isGrpcRequest } from "./grpc";
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

  /** `details`: %RESPONSE_CODE_DETAILS% when the sidecar answered itself; else the app's answer or the hang-up. */
  const record = (code: number, flags: string, bytes: number, grpcStatus?: number, details?: string): void => {
    if (!span) return;
    const answeredByApp = details === undefined && code !== 0;
    const durationMs = Math.round(scheduler.now - start);
    const podAddress = addressOf(pod.ip, targetPort);
    const callerAddress = inbound.callerAddress;
    const upstreamLocal = details === undefined ? clientAddressOf(ctx, INBOUND_PASSTHROUGH_IP) : undefined;
    const userAgent = request.headers["user-agent"];
    const forwardedFor = request.headers["x-forwarded-for"];
    ctx.proxyRecords.record({
      pod,
      direction: "inbound",
      startedAtMs: ctx.epochMs + start,
      durationMs,
      ...(answeredByApp ? { upstreamServiceTimeMs: durationMs } : {}),
      method: request.method,
      path: request.path,
      protocol: protocolOf(request),
      authority: authorityOf(request),
      ...(userAgent !== undefined ? { userAgent } : {}),
      ...(forwardedFor !== undefined ? { forwardedFor } : {}),
      code,
      flags,
      details: details ?? (flags === "DC" ? (RESPONSE_FLAGS.DC.details ?? "-") : VIA_UPSTREAM),
      bytesReceived: bodyBytesOf(request, inbound.requestBytes),
      bytesSent: bytes,
      requestId: span.requestId,
      ...(podAddress !== undefined ? { downstreamLocalAddress: podAddress } : {}),
      // A request the sidecar answered itself never went to the app: no upstream host or local address.
      ...(podAddress !== undefined && details === undefined ? { upstreamHost: podAddress } : {}),
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

  const report = (code: number, flags: string, bytes: number, grpcStatus?: number, details?: string): void => {
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
    record(code, flags, bytes, grpcStatus, details);
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

  /** The RBAC filter's local reply: the app never sees the request. */
  const deny = (matchedPolicy: string): void => {
    finished = true;
    const outcome = grpc
      ? grpcOutcome(RBAC_DENIED_STATUS, undefined, true)
      : { code: RBAC_DENIED_STATUS, grpcStatus: undefined };
    // A gRPC local reply is trailers-only: the message rides grpc-message, the body is empty.
    const bytes = grpc ? 0 : RBAC_DENIED_BODY.length;
    report(outcome.code, "-", bytes, outcome.grpcStatus, rbacDeniedDetails(matchedPolicy));
    done({
      status: outcome.code,
      bytes,
      ...(outcome.grpcStatus !== undefined ? { grpcStatus: outcome.grpcStatus } : {}),
    });
  };

  if (pod.hasSidecar) {
    const callerIp = ipOfAddress(inbound.callerAddress);
    const decision = authorize(authorizationPoliciesFor(ctx.snapshot(), pod), {
      // The caller's identity comes with its client certificate: none over plaintext.
      ...(inbound.mutualTls && inbound.source ? { principal: inbound.source.principal } : {}),
      ...(callerIp !== undefined ? { sourceIp: callerIp } : {}),
      ...(pod.ip !== undefined ? { destinationIp: pod.ip } : {}),
      port: targetPort,
      ...(inbound.serverName !== undefined ? { serverName: inbound.serverName } : {}),
      http: { authority: authorityOf(request), method: request.method, path: request.path, headers: request.headers },
    });
    if (!decision.allowed) {
      deny(decision.matchedPolicy);
      return { cancel: () => undefined };
    }
  }

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
