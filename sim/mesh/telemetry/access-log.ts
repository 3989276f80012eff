/**
 * Istio's default TEXT access-log format (the `accessLogFile` line Istio configures on
 * every proxy; istio's pilot/pkg/model/telemetry_logging.go), rendered from a ProxyRecord:
 *
 * [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 * %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS%
 * "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION%
 * %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
 * "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW%
 * %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS%
 * %REQUESTED_SERVER_NAME% %ROUTE_NAME%
 *
 * Envoy prints `-` for every unset operator. A TCP connection has no request: its line starts
 * `"- - -" 0` (no method, path, protocol nor code) and the HTTP headers are `-` too.
 *
 * Envoy prints `-` for every unset operator. The simulator never closes connections with
 * termination details nor fails TLS handshakes with a reason, so those two are always `-`.
 */
import type { ProxyRecord, TcpProxyRecord } from "./proxy-record";

const dash = (value: string | number | undefined): string =>
  value === undefined || value === "" ? "-" : String(value);

/** One line, without the trailing newline Envoy writes. */
export function formatAccessLogLine(r: ProxyRecord): string {
  return [
    `[${new Date(r.startedAtMs).toISOString()}]`,
    `"${r.method} ${r.path} ${r.protocol}"`,
    r.code,
    dash(r.flags),
    dash(r.details),
    "-",
    `"-"`,
    r.bytesReceived,
    r.bytesSent,
    r.durationMs,
    dash(r.upstreamServiceTimeMs),
    `"${dash(r.forwardedFor)}"`,
    `"${dash(r.userAgent)}"`,
    `"${dash(r.requestId)}"`,
    `"${dash(r.authority)}"`,
    `"${dash(r.upstreamHost)}"`,
    dash(r.upstreamCluster),
    dash(r.upstreamLocalAddress),
    dash(r.downstreamLocalAddress),
    dash(r.downstreamRemoteAddress),
    dash(r.requestedServerName),
    dash(r.routeName),
  ].join(" ");
}

/** The TCP proxy filter's line for one connection, in the same format. */
export function formatTcpAccessLogLine(r: TcpProxyRecord): string {
  return [
    `[${new Date(r.startedAtMs).toISOString()}]`,
    `"- - -"`,
    0,
    dash(r.flags),
    "-",
    "-",
    `"-"`,
    r.bytesReceived,
    r.bytesSent,
    r.durationMs,
    "-",
    `"-"`,
    `"-"`,
    `"-"`,
    `"-"`,
    `"${dash(r.upstreamHost)}"`,
    dash(r.upstreamCluster),
    dash(r.upstreamLocalAddress),
    dash(r.downstreamLocalAddress),
    dash(r.downstreamRemoteAddress),
    dash(r.requestedServerName),
    "-",
  ].join(" ");
}
