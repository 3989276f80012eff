/**
 * Envoy response flags (istio-facts §3) as data: the status a locally generated response
 * carries, the size of the body Envoy writes, and the order Envoy prints flags in when
 * several apply (its own flag table order, e.g. "UO,URX").
 */

export type ResponseFlag = "UH" | "UT" | "UF" | "UC" | "UO" | "NR" | "DI" | "FI" | "DC" | "URX" | "NC";

interface FlagRow {
  /** Status of the local reply, when the flag comes with one. */
  status?: number;
  /** Bytes of Envoy's local reply body. */
  bodyBytes: number;
  order: number;
  /**
   * %RESPONSE_CODE_DETAILS% of the local reply that comes with the flag (Envoy's
   * StreamInfo::ResponseCodeDetails); DI and URX come with none of their own.
   */
  details?: string;
}

export const RESPONSE_FLAGS: Record<ResponseFlag, FlagRow> = {
  UH: { status: 503, bodyBytes: "no healthy upstream".length, order: 1, details: "no_healthy_upstream" },
  UT: { status: 504, bodyBytes: "upstream request timeout".length, order: 2, details: "response_timeout" },
  UF: {
    status: 503,
    bodyBytes: "upstream connect error or disconnect/reset before headers. reset reason: connection failure".length,
    order: 5,
    details: "upstream_reset_before_response_started{connection_failure}",
  },
  UC: {
    status: 503,
    bodyBytes: "upstream connect error or disconnect/reset before headers. reset reason: connection termination".length,
    order: 6,
    details: "upstream_reset_before_response_started{connection_termination}",
  },
  UO: {
    status: 503,
    bodyBytes: "upstream connect error or disconnect/reset before headers. reset reason: overflow".length,
    order: 7,
    details: "upstream_reset_before_response_started{overflow}",
  },
  NR: { status: 404, bodyBytes: 0, order: 8, details: "route_not_found" },
  DI: { bodyBytes: 0, order: 9 },
  FI: { bodyBytes: "fault filter abort".length, order: 10, details: "fault_filter_abort" },
  DC: { status: 0, bodyBytes: 0, order: 14, details: "downstream_remote_disconnect" },
  URX: { bodyBytes: 0, order: 15 },
  NC: { status: 503, bodyBytes: 0, order: 24, details: "cluster_not_found" },
};

/** A TLS handshake that failed because the server answered in plaintext (BoringSSL's reason, as Envoy logs it). */
export const TLS_WRONG_VERSION_DETAILS =
  "upstream_reset_before_response_started{connection_failure,TLS_error:_268435703:SSL_routines:OPENSSL_internal:WRONG_VERSION_NUMBER}";

/** What an upstream's own answer carries as %RESPONSE_CODE_DETAILS%. */
export const VIA_UPSTREAM = "via_upstream";
/** A per-try timeout's reset, which the route-timeout row (`response_timeout`) does not cover. */
export const PER_TRY_TIMEOUT_DETAILS = "upstream_per_try_timeout";

/** "-" when none, else the flags comma-joined in Envoy's order. */
export function formatFlags(flags: readonly ResponseFlag[]): string {
  if (flags.length === 0) return "-";
  if (flags.length === 1) return flags[0] as string;
  return [...new Set(flags)].sort((a, b) => RESPONSE_FLAGS[a].order - RESPONSE_FLAGS[b].order).join(",");
}
