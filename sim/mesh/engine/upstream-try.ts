/**
 * One try of a client proxy against a cluster, as Envoy's router makes it: take a slot in
 * the cluster's pool (or wait for one, or overflow: 503 UO), pick a healthy host (none:
 * 503 UH), open the connection with the security the policies agree on (refused: 503
 * UF), cross the network, let the server answer, cross back. A per-try timeout resets the
 * stream (504 UT; the server sees its caller hang up). Outcomes feed outlier detection.
 */
import type { PodInfo } from "@/lib/istio/routing/snapshot";
import { connectionSecurity, gatewayConnectionSecurity } from "@/lib/istio/routing/mutual-tls";
import type { Cluster } from "@/lib/istio/routing/resolve-cluster";
import type { TryOutcome } from "@/lib/istio/routing/retry-policy";
import type { HttpRequest } from "@/lib/istio/routing/types";
import { upstreamTls } from "@/lib/istio/routing/upstream-tls";
import { poolLimitsOf, type PendingTicket } from "../proxy/connection-pool";
import { outlierSettingsOf } from "../proxy/outlier-detector";
import {
  PER_TRY_TIMEOUT_DETAILS,
  RESPONSE_FLAGS,
  TLS_WRONG_VERSION_DETAILS,
  VIA_UPSTREAM,
  type ResponseFlag,
} from "../telemetry/response-flags";
import { serviceLabelsOf } from "../telemetry/service-labels";
import { networkDelay, proxyKeyOf, type Cancellable, type EngineContext, type HttpResponse } from "./context";
import { clientAddressOf, mutualTlsServerNameOf } from "./proxy-addresses";
import { forwardThroughGateway } from "./gateway-hop";
import { serveHttp } from "./serve-http";
import type { Timer } from "./scheduler";

export interface TryResult {
  outcome: TryOutcome | { kind: "noHealthyUpstream" };
  status: number;
  flags: ResponseFlag[];
  bytes: number;
  /** Envoy answered itself (a gRPC request then gets a trailers-only 200, engine/grpc.ts). */
  local: boolean;
  /** The upstream's grpc-status, for a gRPC answer. */
  grpcStatus?: number;
  upstream?: PodInfo;
  mutualTls: boolean;
  /** %RESPONSE_CODE_DETAILS% of this try's end (telemetry/response-flags.ts). */
  details: string;
  /** The client proxy's side of the upstream connection (%UPSTREAM_LOCAL_ADDRESS%), once one was opened. */
  localAddress?: string;
}

export interface TryRequest {
  proxy: PodInfo;
  cluster: Cluster;
  request: HttpRequest;
  requestBytes: number;
  perTryTimeoutMs?: number;
}

/**
 * With maxRequestsPerConnection 1 every request opens a fresh upstream connection (TCP
 * and the mTLS handshake between sidecars), holding its pool slot meanwhile. Reused
 * connections cost nothing extra.
 */
const HANDSHAKE_MS = { median: 1.2, sigma: 0.3 };

/**
 * External hosts (ServiceEntry, passthrough) answer from outside the mesh: no inbound sidecar, no destination report.
 */
const EXTERNAL_LATENCY_MS = { median: 40, sigma: 0.4 };
const EXTERNAL_RESPONSE_BYTES = 1200;

function localReply(flag: ResponseFlag, outcome: TryResult["outcome"], upstream?: PodInfo): TryResult {
  const row = RESPONSE_FLAGS[flag];
  return {
    outcome,
    status: row.status ?? 503,
    flags: [flag],
    bytes: row.bodyBytes,
    local: true,
    mutualTls: false,
    details: row.details ?? flag,
    ...(upstream ? { upstream } : {}),
  };
}

/** A try in flight: cancellable, and it knows which host it went to (for the source report of a route timeout). */
export interface TryHandle extends Cancellable {
  inFlight(): { upstream?: PodInfo; mutualTls: boolean; localAddress?: string };
}

export function startUpstreamTry(ctx: EngineContext, t: TryRequest, done: (result: TryResult) => void): TryHandle {
  const { scheduler, rng } = ctx;
  const { cluster } = t;
  const state = ctx.proxies.cluster(proxyKeyOf(t.proxy), cluster.key);
  const limits = poolLimitsOf(cluster.policy.connectionPool);
  const outlierSettings = outlierSettingsOf(cluster.policy.outlierDetection);
  let holdsSlot = false;
  let finished = false;
  let ticket: PendingTicket | undefined;
  let server: Cancellable | undefined;
  let upstream: PodInfo | undefined;
  let mutualTls = false;
  let localAddress: string | undefined;
  const timers: Timer[] = [];

  const close = (): void => {
    finished = true;
    ticket?.cancel();
    for (const timer of timers) timer.cancel();
    if (holdsSlot) {
      holdsSlot = false;
      state.pool.release(limits);
    }
  };

  const finish = (result: TryResult): void => {
    if (finished) return;
    if (outlierSettings && result.upstream)
      state.outliers.record(result.upstream, result.status, scheduler.now, outlierSettings, cluster.endpoints);
    close();
    done(result);
  };

  const proceed = (): void => {
    if (cluster.service.kind !== "kubernetes") {
      // The server outside refuses a request in the wrong kind of transport after one round trip.
      const tls = upstreamTls(cluster);
      const roundTrip = (): number => rng.logNormal(EXTERNAL_LATENCY_MS.median / 2, EXTERNAL_LATENCY_MS.sigma);
      if (tls === "plaintextToTlsServer") {
        timers.push(scheduler.after(roundTrip(), () => finish(localReply("UC", { kind: "upstreamReset" }))));
        return;
      }
      if (tls === "tlsToPlaintextServer") {
        const failed = { ...localReply("UF", { kind: "connectFailure" }), details: TLS_WRONG_VERSION_DETAILS };
        timers.push(scheduler.after(roundTrip(), () => finish(failed)));
        return;
      }
      timers.push(
        scheduler.after(rng.logNormal(EXTERNAL_LATENCY_MS.median, EXTERNAL_LATENCY_MS.sigma), () =>
          finish({
            outcome: { kind: "response", status: 200 },
            status: 200,
            flags: [],
            bytes: EXTERNAL_RESPONSE_BYTES,
            local: false,
            mutualTls: false,
            details: VIA_UPSTREAM,
          }),
        ),
      );
      return;
    }
    const healthy = outlierSettings ? state.outliers.healthy(cluster.endpoints, scheduler.now) : cluster.endpoints;
    const pod = state.pick(healthy, cluster.policy.loadBalancer, rng);
    if (!pod) return finish(localReply("UH", { kind: "noHealthyUpstream" }));
    upstream = pod;
    const targetPort = cluster.service.service.ports.find((p) => p.port === cluster.port)?.targetPort ?? cluster.port;
    const security = pod.isGateway
      ? gatewayConnectionSecurity(ctx.snapshot(), pod, targetPort, t.request.host, cluster.policy)
      : connectionSecurity(ctx.snapshot(), true, pod, targetPort, cluster.policy);
    if (security.refused) return finish(localReply("UF", { kind: "connectFailure" }, pod));
    mutualTls = security.mutualTls;
    localAddress = clientAddressOf(ctx, t.proxy.ip);
    const inbound = {
      request: t.request,
      service: serviceLabelsOf(cluster.service),
      source: t.proxy.identity,
      mutualTls: security.mutualTls,
      requestBytes: t.requestBytes,
      targetPort,
      servicePort: cluster.port,
      ...(localAddress !== undefined ? { callerAddress: localAddress } : {}),
      ...(security.mutualTls
        ? { serverName: mutualTlsServerNameOf(cluster.service.host, cluster.port, cluster.subset) }
        : {}),
    };
    const handshake =
      cluster.policy.connectionPool?.http?.maxRequestsPerConnection === 1
        ? rng.logNormal(HANDSHAKE_MS.median, HANDSHAKE_MS.sigma)
        : 0;
    timers.push(
      scheduler.after(handshake + networkDelay(ctx), () => {
        if (finished) return;
        const answer = (response: HttpResponse): void => {
          timers.push(
            scheduler.after(networkDelay(ctx), () =>
              finish({
                outcome: {
                  kind: "response",
                  status: response.status,
                  ...(response.grpcStatus !== undefined ? { grpcStatus: response.grpcStatus } : {}),
                },
                status: response.status,
                flags: [],
                bytes: response.bytes,
                local: false,
                ...(response.grpcStatus !== undefined ? { grpcStatus: response.grpcStatus } : {}),
                upstream: pod,
                mutualTls: security.mutualTls,
                details: VIA_UPSTREAM,
                ...(localAddress !== undefined ? { localAddress } : {}),
              }),
            ),
          );
        };
        if (!pod.isGateway) server = serveHttp(ctx, pod, inbound, answer);
        else {
          server = forwardThroughGateway(ctx, pod, t.request, { servicePort: cluster.port, targetPort }, answer);
          if (!server) finish(localReply("UF", { kind: "connectFailure" }, pod));
        }
      }),
    );
  };

  if (t.perTryTimeoutMs !== undefined) {
    timers.push(
      scheduler.after(t.perTryTimeoutMs, () => {
        server?.cancel();
        finish({
          ...localReply("UT", { kind: "perTryTimeout" }, upstream),
          mutualTls,
          details: PER_TRY_TIMEOUT_DETAILS,
          ...(localAddress !== undefined ? { localAddress } : {}),
        });
      }),
    );
  }

  const acquired = state.pool.acquire(limits, () => {
    if (finished) return state.pool.release(limits);
    holdsSlot = true;
    proceed();
  });
  if (acquired.kind === "overflow") {
    // Deferred to its own event so the caller's bookkeeping sees a consistent order.
    timers.push(scheduler.after(0, () => finish(localReply("UO", { kind: "overflow" }))));
  } else if (acquired.kind === "pending") ticket = acquired.ticket;
  else {
    holdsSlot = true;
    proceed();
  }

  return {
    cancel() {
      if (finished) return;
      server?.cancel();
      close();
    },
    inFlight: () => ({
      ...(upstream ? { upstream } : {}),
      mutualTls,
      ...(localAddress !== undefined ? { localAddress } : {}),
    }),
  };
}
