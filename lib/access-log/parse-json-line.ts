/**
 * Istio's JSON access-log format (`accessLogEncoding: JSON`): one flat object per line with
 * the same operators as the TEXT format under snake_case keys; numbers are typed and an
 * unset value is null (the flags stay "-"). A JSON line without the access-log keys (an
 * application's structured log) is not an access line.
 */
import { z } from "zod";
import type { AccessLogEntry } from "./access-log-entry";
import { withoutUndefined } from "./parse-text-line";
import { parseUpstreamCluster } from "./upstream-cluster";

const text = z.string().nullish();
const count = z.union([z.number(), z.string(), z.null()]).optional();

const jsonLineSchema = z.object({
  start_time: z.string(),
  method: text,
  path: text,
  protocol: text,
  response_code: count,
  response_flags: text,
  response_code_details: text,
  connection_termination_details: text,
  upstream_transport_failure_reason: text,
  bytes_received: count,
  bytes_sent: count,
  duration: count,
  upstream_service_time: count,
  x_forwarded_for: text,
  user_agent: text,
  request_id: text,
  authority: text,
  upstream_host: text,
  upstream_cluster: text,
  upstream_local_address: text,
  downstream_local_address: text,
  downstream_remote_address: text,
  requested_server_name: text,
  route_name: text,
});

const str = (v: string | null | undefined) => (v === null || v === undefined || v === "" || v === "-" ? undefined : v);

function num(v: number | string | null | undefined): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

export function parseJsonLine(line: string): AccessLogEntry | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = jsonLineSchema.safeParse(raw);
  if (!parsed.success || Number.isNaN(Date.parse(parsed.data.start_time))) return undefined;
  const j = parsed.data;
  // Without a response code and a duration it is some other structured log that has a start_time.
  if (j.response_code === undefined || j.duration === undefined) return undefined;
  const clusterName = str(j.upstream_cluster);
  const upstreamCluster = clusterName === undefined ? undefined : parseUpstreamCluster(clusterName);
  const flags = str(j.response_flags);
  return withoutUndefined({
    format: "json",
    startTime: j.start_time,
    method: str(j.method),
    path: str(j.path),
    protocol: str(j.protocol),
    code: num(j.response_code) ?? 0,
    flags: flags ? flags.split(",") : [],
    details: str(j.response_code_details),
    terminationDetails: str(j.connection_termination_details),
    transportFailure: str(j.upstream_transport_failure_reason),
    bytesReceived: num(j.bytes_received) ?? 0,
    bytesSent: num(j.bytes_sent) ?? 0,
    durationMs: num(j.duration) ?? 0,
    upstreamServiceTimeMs: num(j.upstream_service_time),
    forwardedFor: str(j.x_forwarded_for),
    userAgent: str(j.user_agent),
    requestId: str(j.request_id),
    authority: str(j.authority),
    upstreamHost: str(j.upstream_host),
    upstreamCluster,
    upstreamLocalAddress: str(j.upstream_local_address),
    downstreamLocalAddress: str(j.downstream_local_address),
    downstreamRemoteAddress: str(j.downstream_remote_address),
    serverName: str(j.requested_server_name),
    routeName: str(j.route_name),
    direction: upstreamCluster?.direction ?? "unknown",
  });
}
