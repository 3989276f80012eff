/**
 * A client proxy (sidecar or gateway) handling one request from its application: what
 * Envoy's fault filter and router do between the app and the upstream.
 *
 * route (pure router) → mirrors fired (responses dropped) → fault delay (flag DI) →
 * fault abort (local reply, flag FI) → tries against the cluster, each with the per-try
 * timeout, retried per the retry policy after a jittered back-off, all bounded by the
 * route timeout (504 UT). When retries run out on a retriable failure the flag URX joins.
 * The proxy reports once per downstream request with `reporter="source"`, including for
 * local replies that never reached a server (which therefore have no destination report).
 * If the application hangs up first, the report says 0 DC and the try in flight is reset.
 * A gRPC request is reported as `request_protocol="grpc"` with its grpc-status; Envoy's own
 * answers to it are trailers-only HTTP 200s with a mapped status (engine/grpc.ts).
 * A gateway first applies its own AuthorizationPolicies, as its RBAC filter runs before the
 * fault filter and the router (lib/istio/routing/authorize-request.ts): a denied request gets the local
 * 403 `RBAC: access denied`, no flag, and goes nowhere. Its callers come from outside the
 * mesh, in plaintext: no principal, the node's address (engine/proxy-addresses.ts).
 * Alongside each report the proxy writes its ProxyRecord (the access-log line and span,
 * telemetry/proxy-record.ts); the request goes upstream with the trace headers of its span
 * (engine/trace-propagation.ts).
 */
import type { PodInfo } from "@/lib/istio/routing/snapshot";
import {
  authorizationPoliciesFor,
  authorize,
  RBAC_DENIED_BODY,
  RBAC_DENIED_STATUS,
  rbacDeniedDetails,
} from "@/lib/istio/routing/authorize-request";
import {
  BLOCK_ALL_ROUTE,
  resolveCluster,
  resolveService,
  type DestinationService,
} from "@/lib/istio/routing/resolve-cluster";
import { isRetriable, retryBackoffMs } from "@/lib/istio/routing/retry-policy";
import { routeHttp } from "@/lib/istio/routing/route-http";
import type { HttpRequest, RoutedDecision, SourceContext } from "@/lib/istio/routing/types";
import { formatFlags, RESPONSE_FLAGS, type ResponseFlag } from "../telemetry/response-flags";
import {
  addressOf,
  authorityOf,
  bodyBytesOf,
  clientAddressOf,
  clusterNameOf,
  decoratorOf,
  dialedAddressOf,
  EXTERNAL_CLIENT_IP,
  protocolOf,
  targetPortOf,
} from "./proxy-addresses";
import { startClientSpan } from "./trace-propagation";
import { requestedServiceLabels, serviceLabelsOf } from "../telemetry/service-labels";
import type { ServiceLabels } from "../telemetry/labels";
import type { Cancellable, EngineContext, HttpResponse } from "./context";
import { grpcOutcome, isGrpcRequest } from "./grpc";
import { fireMirror } from "./mirror";
import type { Timer } from "./scheduler";
import { startUpstreamTry, type TryHandle, type TryResult } from "./upstream-try";

export function startProxyExchange(
  ctx: EngineContext,
  proxy: PodInfo,
  gateways: string[],
  request: HttpRequest,
  requestBytes: number,
  done: (response: HttpResponse) => void,
): Cancellable {
  const { scheduler } = ctx;
  const start = scheduler.now;
  const flags: ResponseFlag[] = [];
  const timers: Timer[] = [];
  let finished = false;
  let currentTry: TryHandle | undefined;
  let lastTry: Pick<TryResult, "upstream" | "mutualTls" | "localAddress"> | undefined;
  const requested: DestinationService = resolveService(ctx.snapshot(), request.host);
  let service: DestinationService = requested;
  let serviceLabels: ServiceLabels = requestedServiceLabels(service);
  const grpc = isGrpcRequest(request);
  const span = startClientSpan(ctx, request.headers, proxy.isGateway);
  // A gateway is where the request enters: Envoy there appends the client to x-forwarded-for.
  const upstreamRequest: HttpRequest = {
    ...request,
    headers: proxy.isGateway ? { ...span.headers, "x-forwarded-for": EXTERNAL_CLIENT_IP } : span.headers,
  };
  const source: SourceContext = { namespace: proxy.namespace, labels: proxy.labels, gateways };
  const decision = routeHttp(ctx.snapshot(), source, request, ctx.rng.next);
  const routed: RoutedDecision | undefined = decision.kind === "route" ? decision : undefined;
  let details = "-";
  let lastTryStart: number | undefined;
  /** Answered by Istio's `block_all` route (REGISTRY_ONLY): no cluster, route name `block_all`. */
  let blockedRoute = false;

  /** The access-log line and span of this request (telemetry/proxy-record.ts). */
  const record = (code: number, responseBytes: number, grpcStatus?: number): void => {
    const durationMs = Math.round(scheduler.now - start);
    const port = routed?.destination.port ?? request.port;
    const upstreamAnswered = details === "via_upstream" && lastTryStart !== undefined;
    const upstreamHost =
      lastTry?.upstream !== undefined ? addressOf(lastTry.upstream.ip, targetPortOf(service, port)) : undefined;
    const dialed = dialedAddressOf(proxy, requested, request.port);
    const remote = clientAddressOf(ctx, proxy.isGateway ? EXTERNAL_CLIENT_IP : proxy.ip);
    const userAgent = upstreamRequest.headers["user-agent"];
    const forwardedFor = upstreamRequest.headers["x-forwarded-for"];
    ctx.proxyRecords.record({
      pod: proxy,
      direction: "outbound",
      startedAtMs: ctx.epochMs + start,
      durationMs,
      ...(upstreamAnswered && lastTryStart !== undefined
        ? { upstreamServiceTimeMs: Math.round(scheduler.now - lastTryStart) }
        : {}),
      method: request.method,
      path: request.path,
      protocol: protocolOf(request),
      authority: authorityOf(request),
      ...(userAgent !== undefined ? { userAgent } : {}),
      ...(forwardedFor !== undefined ? { forwardedFor } : {}),
      code,
      flags: formatFlags(flags),
      details,
      bytesReceived: bodyBytesOf(request, requestBytes),
      bytesSent: responseBytes,
      requestId: span.requestId,
      ...(upstreamHost !== undefined ? { upstreamHost } : {}),
      upstreamCluster: routed && !blockedRoute ? clusterNameOf(service, port, routed.destination.subset) : "-",
      ...(lastTry?.localAddress !== undefined ? { upstreamLocalAddress: lastTry.localAddress } : {}),
      ...(dialed !== undefined ? { downstreamLocalAddress: dialed } : {}),
      ...(remote !== undefined ? { downstreamRemoteAddress: remote } : {}),
      ...(blockedRoute
        ? { routeName: BLOCK_ALL_ROUTE.name }
        : routed?.routeName !== undefined
          ? { routeName: routed.routeName }
          : {}),
      operationName: routed ? decoratorOf(routed.destination.host, port) : decoratorOf(request.host, request.port),
      ...(decision.virtualService !== undefined ? { virtualService: decision.virtualService } : {}),
      ...(grpcStatus !== undefined ? { grpcStatus } : {}),
      trace: span.trace,
    });
  };

  const report = (code: number, responseBytes: number, grpcStatus?: number): void => {
    record(code, responseBytes, grpcStatus);
    ctx.telemetry.recordRequest({
      reporter: "source",
      source: proxy.identity,
      destination: lastTry?.upstream?.identity,
      mutualTls: lastTry?.mutualTls ?? false,
      service: serviceLabels,
      protocol: grpc ? "grpc" : "http",
      code,
      ...(grpcStatus !== undefined ? { grpcStatus } : {}),
      flags: formatFlags(flags),
      security: "unknown",
      durationMs: scheduler.now - start,
      requestBytes,
      responseBytes,
    });
  };

  /** `local`: Envoy answers itself; `grpcStatus`: what the upstream's gRPC answer carried. */
  const finish = (status: number, bytes: number, answer: { local: boolean; grpcStatus?: number }): void => {
    if (finished) return;
    finished = true;
    for (const timer of timers) timer.cancel();
    currentTry?.cancel();
    const outcome = grpc
      ? grpcOutcome(status, answer.grpcStatus, answer.local)
      : { code: status, grpcStatus: undefined };
    report(outcome.code, bytes, outcome.grpcStatus);
    done({
      status: outcome.code,
      bytes,
      details,
      ...(outcome.grpcStatus !== undefined ? { grpcStatus: outcome.grpcStatus } : {}),
    });
  };

  const exchange: Cancellable = {
    cancel() {
      if (finished) return;
      finished = true;
      for (const timer of timers) timer.cancel();
      if (currentTry) lastTry = currentTry.inFlight();
      currentTry?.cancel();
      flags.push("DC");
      details = RESPONSE_FLAGS.DC.details ?? "DC";
      report(0, 0);
    },
  };

  const localReply = (flag: ResponseFlag, status?: number): void => {
    flags.push(flag);
    details = RESPONSE_FLAGS[flag].details ?? flag;
    finish(status ?? RESPONSE_FLAGS[flag].status ?? 503, RESPONSE_FLAGS[flag].bodyBytes, { local: true });
  };

  const runTries = (decision: RoutedDecision): void => {
    let retriesDone = 0;
    const attempt = (): void => {
      const resolved = resolveCluster(ctx.snapshot(), proxy.namespace, decision.destination, request.port);
      if (!resolved.ok) return localReply("NC");
      const perTry = decision.retry.perTryTimeoutMs;
      lastTryStart = scheduler.now;
      currentTry = startUpstreamTry(
        ctx,
        {
          proxy,
          cluster: resolved.cluster,
          request: upstreamRequest,
          requestBytes,
          ...(perTry !== undefined ? { perTryTimeoutMs: perTry } : {}),
        },
        (result) => {
          currentTry = undefined;
          lastTry = result;
          const retriable = result.outcome.kind !== "noHealthyUpstream" && isRetriable(result.outcome, decision.retry);
          if (retriable && retriesDone < decision.retry.attempts) {
            retriesDone++;
            timers.push(scheduler.after(retryBackoffMs(retriesDone, ctx.rng.next), () => !finished && attempt()));
            return;
          }
          flags.push(...result.flags);
          details = result.details;
          if (retriable && decision.retry.attempts > 0) flags.push("URX");
          finish(result.status, result.bytes, {
            local: result.local,
            ...(result.grpcStatus !== undefined ? { grpcStatus: result.grpcStatus } : {}),
          });
        },
      );
    };
    attempt();
  };

  const afterDelay = (decision: RoutedDecision): void => {
    if (decision.fault.abortStatus !== undefined) {
      flags.push("FI");
      details = RESPONSE_FLAGS.FI.details ?? "FI";
      return finish(decision.fault.abortStatus, RESPONSE_FLAGS.FI.bodyBytes, { local: true });
    }
    if (decision.timeoutMs !== undefined) {
      timers.push(
        scheduler.after(decision.timeoutMs, () => {
          if (finished) return;
          // The try in flight is reset; its server sees the hang-up.
          if (currentTry) lastTry = currentTry.inFlight();
          currentTry?.cancel();
          currentTry = undefined;
          localReply("UT");
        }),
      );
    }
    runTries(decision);
  };

  /**
   * REGISTRY_ONLY and a host the registry does not know: without a VirtualService the request
   * falls to Istio's catch-all route `block_all`, a direct 502 (no flag, no cluster); a
   * VirtualService that routes to such a host names a cluster Envoy does not have (503 NC),
   * and the stats filter, finding no cluster metadata, names the host it asked for.
   */
  function blockUnregistered(routedTo: RoutedDecision): Cancellable {
    if (routedTo.virtualService !== undefined) {
      serviceLabels = requestedServiceLabels(service);
      localReply("NC");
    } else {
      blockedRoute = true;
      details = "direct_response";
      finish(BLOCK_ALL_ROUTE.status, 0, { local: true });
    }
    return exchange;
  }

  const authorization = proxy.isGateway
    ? authorize(authorizationPoliciesFor(ctx.snapshot(), proxy), {
        sourceIp: EXTERNAL_CLIENT_IP,
        ...(proxy.ip !== undefined ? { destinationIp: proxy.ip } : {}),
        port: request.port,
        http: { authority: authorityOf(request), method: request.method, path: request.path, headers: request.headers },
      })
    : { allowed: true as const };
  if (!authorization.allowed) {
    details = rbacDeniedDetails(authorization.matchedPolicy);
    finish(RBAC_DENIED_STATUS, RBAC_DENIED_BODY.length, { local: true });
  } else if (decision.kind === "noRoute") localReply("NR");
  else if (decision.kind === "directResponse") {
    details = "direct_response";
    finish(decision.status, 0, { local: true });
  } else {
    service = resolveService(ctx.snapshot(), decision.destination.host);
    serviceLabels = serviceLabelsOf(service);
    if (service.kind === "blackhole") return blockUnregistered(decision);
    for (const mirror of decision.mirrors) fireMirror(ctx, proxy, mirror, upstreamRequest, requestBytes);
    if (decision.fault.delayMs !== undefined) {
      flags.push("DI");
      timers.push(scheduler.after(decision.fault.delayMs, () => !finished && afterDelay(decision)));
    } else afterDelay(decision);
  }

  return exchange;
}
