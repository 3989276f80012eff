/**
 * A TLS connection an application opens itself to a host outside the mesh (`curl
 * https://www.google.com` from the egress tasks' curl pod). Its sidecar cannot read the bytes:
 * it routes the connection by SNI (lib/istio/routing/route-sni.ts) and TCP-proxies it, so Istio reports it
 * with TCP metrics only, as the client's sidecar (`reporter="source"`, no destination workload;
 * the outside host reports nothing): `istio_tcp_connections_opened_total` when it is
 * established, `…_closed_total` with `istio_tcp_received_bytes_total` (the client's ClientHello and
 * encrypted request) and `istio_tcp_sent_bytes_total` (the server's certificate chain and
 * encrypted answer) when it ends; destination_service is the SNI, destination_service_name the
 * host, PassthroughCluster or BlackHoleCluster. The sidecar writes its TCP access-log line on close.
 *
 * BlackHoleCluster has no endpoints: the TCP proxy finds no host (flag UH, inferred from Envoy's
 * tcp_proxy, not read in Istio's docs), closes the connection at once with no bytes either way,
 * and curl sees a reset during the handshake (exit 35).
 */
import type { PodInfo } from "@/lib/istio/routing/snapshot";
import { routeSni } from "@/lib/istio/routing/route-sni";
import { formatFlags } from "../telemetry/response-flags";
import { serviceLabelsOf } from "../telemetry/service-labels";
import type { EngineContext } from "./context";
import { addressOf, clientAddressOf, externalAddressOf } from "./proxy-addresses";
import { reportTcp, type TcpPeers } from "./tcp-connection";

/** curl's ClientHello, key exchange and a small encrypted GET. */
const CLIENT_BYTES = { median: 850, sigma: 0.1 };
/** The server's hello, certificate chain and an encrypted answer of a few kB. */
const SERVER_BYTES = { median: 6_000, sigma: 0.3 };
/** TCP connect, a TLS 1.3 handshake and the request's round trip to a server on the internet. */
const CONNECTION_MS = { median: 110, sigma: 0.4 };

export function openExternalTls(ctx: EngineContext, caller: PodInfo, host: string, port: number): void {
  // Without a sidecar the connection leaves the pod unseen: nobody reports or logs it.
  if (!caller.hasSidecar) return;
  const { scheduler, rng } = ctx;
  const route = routeSni(ctx.snapshot(), host, port);
  const peers: TcpPeers = {
    source: caller.identity,
    destination: undefined,
    service: serviceLabelsOf(route.service),
    mutualTls: false,
  };
  const start = scheduler.now;
  const dialed = addressOf(externalAddressOf(host), port);
  const remote = clientAddressOf(ctx, caller.ip);
  const upstreamLocal = clientAddressOf(ctx, caller.ip);
  const log = (flags: string, bytes: { received: number; sent: number }, upstream: boolean): void =>
    ctx.proxyRecords.recordTcp?.({
      pod: caller,
      direction: "outbound",
      startedAtMs: ctx.epochMs + start,
      durationMs: Math.round(scheduler.now - start),
      flags,
      bytesReceived: bytes.received,
      bytesSent: bytes.sent,
      ...(upstream && dialed !== undefined ? { upstreamHost: dialed } : {}),
      upstreamCluster: route.cluster,
      ...(upstream && upstreamLocal !== undefined ? { upstreamLocalAddress: upstreamLocal } : {}),
      ...(dialed !== undefined ? { downstreamLocalAddress: dialed } : {}),
      ...(remote !== undefined ? { downstreamRemoteAddress: remote } : {}),
      requestedServerName: host,
    });

  if (route.service.kind === "blackhole") {
    reportTcp(ctx, "source", peers, ["UH"], { opened: 1, closed: 1, sent: 0, received: 0 });
    log(formatFlags(["UH"]), { received: 0, sent: 0 }, false);
    return;
  }
  reportTcp(ctx, "source", peers, [], { opened: 1, closed: 0, sent: 0, received: 0 });
  const received = Math.round(rng.logNormal(CLIENT_BYTES.median, CLIENT_BYTES.sigma));
  const sent = Math.round(rng.logNormal(SERVER_BYTES.median, SERVER_BYTES.sigma));
  scheduler.after(rng.logNormal(CONNECTION_MS.median, CONNECTION_MS.sigma), () => {
    reportTcp(ctx, "source", peers, [], { opened: 0, closed: 1, sent, received });
    log("-", { received, sent }, true);
  });
}
