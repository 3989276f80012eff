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
 */
import type { PodInfo } from "../config/snapshot";
import { resolveCluster, resolveService, type DestinationService } from "../router/resolve-cluster";
import { isRetriable, retryBackoffMs } from "../router/retry-policy";
import { routeHttp } from "../router/route-http";
import type { HttpRequest, RoutedDecision, SourceContext } from "../router/types";
import { formatFlags, RESPONSE_FLAGS, type ResponseFlag } from "../telemetry/response-flags";
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
  let lastTry: Pick<TryResult, "upstream" | "mutualTls"> | undefined;
  let service: DestinationService = resolveService(ctx.snapshot(), request.host);
  let serviceLabels: ServiceLabels = requestedServiceLabels(service);
  const grpc = isGrpcRequest(request);

  const report = (code: number, responseBytes: number, grpcStatus?: number): void => {
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
      ...(outcome.grpcStatus !== undefined ? { grpcStatus: outcome.grpcStatus } : {}),
    });
  };

  const localReply = (flag: ResponseFlag, status?: number): void => {
    flags.push(flag);
    finish(status ?? RESPONSE_FLAGS[flag].status ?? 503, RESPONSE_FLAGS[flag].bodyBytes, { local: true });
  };

  const runTries = (decision: RoutedDecision): void => {
    let retriesDone = 0;
    const attempt = (): void => {
      const resolved = resolveCluster(ctx.snapshot(), proxy.namespace, decision.destination, request.port);
      if (!resolved.ok) return localReply("NC");
      const perTry = decision.retry.perTryTimeoutMs;
      currentTry = startUpstreamTry(
        ctx,
        {
          proxy,
          cluster: resolved.cluster,
          request,
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

  const source: SourceContext = { namespace: proxy.namespace, labels: proxy.labels, gateways };
  const decision = routeHttp(ctx.snapshot(), source, request, ctx.rng.next);
  if (decision.kind === "noRoute") localReply("NR");
  else if (decision.kind === "directResponse") finish(decision.status, 0, { local: true });
  else {
    service = resolveService(ctx.snapshot(), decision.destination.host);
    serviceLabels = serviceLabelsOf(service);
    for (const mirror of decision.mirrors) fireMirror(ctx, proxy, mirror, request, requestBytes);
    if (decision.fault.delayMs !== undefined) {
      flags.push("DI");
      timers.push(scheduler.after(decision.fault.delayMs, () => !finished && afterDelay(decision)));
    } else afterDelay(decision);
  }

  return {
    cancel() {
      if (finished) return;
      finished = true;
      for (const timer of timers) timer.cancel();
      if (currentTry) lastTry = currentTry.inFlight();
      currentTry?.cancel();
      flags.push("DC");
      report(0, 0);
    },
  };
}
