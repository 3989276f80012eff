/**
 * The bodies of Envoy's local replies, by %RESPONSE_CODE_DETAILS%, for a real client at the
 * ingress: the text Envoy writes (its size is RESPONSE_FLAGS' `bodyBytes`, which the metrics
 * count). A 404 NR and a cluster_not_found 503 have no body, as Envoy sends them.
 */
import { RESPONSE_FLAGS, TLS_WRONG_VERSION_DETAILS, type ResponseFlag } from "../telemetry/response-flags";

const BODIES: Partial<Record<ResponseFlag, string>> = {
  UH: "no healthy upstream",
  UT: "upstream request timeout",
  UF: "upstream connect error or disconnect/reset before headers. reset reason: connection failure",
  UC: "upstream connect error or disconnect/reset before headers. reset reason: connection termination",
  UO: "upstream connect error or disconnect/reset before headers. reset reason: overflow",
  FI: "fault filter abort",
};

const BY_DETAILS = new Map<string, string>();
for (const [flag, row] of Object.entries(RESPONSE_FLAGS)) {
  if (row.details !== undefined) BY_DETAILS.set(row.details, BODIES[flag as ResponseFlag] ?? "");
}
// A per-try timeout that ends the request reads as the route timeout's reply.
BY_DETAILS.set("upstream_per_try_timeout", BODIES.UT ?? "");
// A failed TLS origination is a connection failure with a reason appended to the details.
BY_DETAILS.set(TLS_WRONG_VERSION_DETAILS, BODIES.UF ?? "");

/** Envoy's local reply body for these details; undefined when the answer came from the upstream. */
export function localReplyBody(details: string | undefined): string | undefined {
  return details === undefined ? undefined : BY_DETAILS.get(details);
}

export function localReplyBodyOf(flag: ResponseFlag): string {
  return BODIES[flag] ?? "";
}
