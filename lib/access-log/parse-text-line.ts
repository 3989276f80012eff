/**
 * Istio's default TEXT access-log format (istio/istio pilot/pkg/model/telemetry_logging.go),
 * one field per operator, in this order:
 *
 *   [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%"
 *   %RESPONSE_CODE% %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS%
 *   "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION%
 *   %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
 *   "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW%
 *   %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS%
 *   %REQUESTED_SERVER_NAME% %ROUTE_NAME%
 *
 * Quoted fields may hold spaces (a user agent); Envoy does not escape quotes inside them, so
 * a quoted field ends at a quote followed by a space or the end of the line. A line that does
 * not have this shape is not an access line (it is the application's, or Envoy's own log).
 */
import type { AccessLogEntry } from "./access-log-entry";
import { parseUpstreamCluster } from "./upstream-cluster";

/** Which of the 22 fields are quoted in the format, by position (0 is the bracketed start time). */
const quoted = new Set([1, 6, 11, 12, 13, 14, 15]);
const FIELD_COUNT = 22;

/** The fields of the line, or undefined when it does not follow the format. */
function splitFields(line: string): string[] | undefined {
  if (!line.startsWith("[")) return undefined;
  const close = line.indexOf("] ");
  if (close < 0) return undefined;
  const fields = [line.slice(1, close)];
  let at = close + 2;
  while (fields.length < FIELD_COUNT && at <= line.length) {
    if (quoted.has(fields.length)) {
      if (line[at] !== '"') return undefined;
      let end = line.indexOf('"', at + 1);
      while (end >= 0 && end + 1 < line.length && line[end + 1] !== " ") end = line.indexOf('"', end + 1);
      if (end < 0) return undefined;
      fields.push(line.slice(at + 1, end));
      at = end + 2;
    } else {
      const space = line.indexOf(" ", at);
      const end = space < 0 ? line.length : space;
      fields.push(line.slice(at, end));
      at = end + 1;
    }
  }
  return fields.length === FIELD_COUNT ? fields : undefined;
}

/** Envoy writes `-` for an empty value. */
const value = (field: string | undefined): string | undefined =>
  field === undefined || field === "-" ? undefined : field;

function integer(field: string | undefined): number | undefined {
  const text = value(field);
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

export function parseTextLine(line: string): AccessLogEntry | undefined {
  const f = splitFields(line.trimEnd());
  if (!f) return undefined;
  const startTime = f[0]!;
  if (Number.isNaN(Date.parse(startTime))) return undefined;
  const code = integer(f[2]);
  const bytesReceived = integer(f[7]);
  const bytesSent = integer(f[8]);
  const durationMs = integer(f[9]);
  if (code === undefined || bytesReceived === undefined || bytesSent === undefined || durationMs === undefined) {
    return undefined;
  }
  // "GET /reviews/0 HTTP/1.1"; a TCP line has "- - -".
  const request = f[1]!.split(" ");
  const method = value(request[0]);
  const protocol = request.length > 2 ? value(request[request.length - 1]) : undefined;
  const path = value(request.slice(1, request.length > 2 ? -1 : undefined).join(" "));
  const clusterName = value(f[16]);
  const upstreamCluster = clusterName === undefined ? undefined : parseUpstreamCluster(clusterName);
  const flags = value(f[3]);
  const entry: AccessLogEntry = {
    format: "text",
    startTime,
    method,
    path,
    protocol,
    code,
    flags: flags ? flags.split(",") : [],
    details: value(f[4]),
    terminationDetails: value(f[5]),
    transportFailure: value(f[6]),
    bytesReceived,
    bytesSent,
    durationMs,
    upstreamServiceTimeMs: integer(f[10]),
    forwardedFor: value(f[11]),
    userAgent: value(f[12]),
    requestId: value(f[13]),
    authority: value(f[14]),
    upstreamHost: value(f[15]),
    upstreamCluster,
    upstreamLocalAddress: value(f[17]),
    downstreamLocalAddress: value(f[18]),
    downstreamRemoteAddress: value(f[19]),
    serverName: value(f[20]),
    routeName: value(f[21]),
    direction: upstreamCluster?.direction ?? "unknown",
  };
  return withoutUndefined(entry);
}

/** Leaves out the fields that are undefined, so an entry compares and serialises as what the line said. */
export function withoutUndefined(entry: AccessLogEntry): AccessLogEntry {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as AccessLogEntry;
}
