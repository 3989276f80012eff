/**
 * One HTTPMatchRequest against one request: every condition present must hold (AND).
 * Header and query values are exact, prefix or RE2 regex (full match); `{}` means the
 * header must be present; `withoutHeaders` inverts each condition.
 */
import { RE2JS } from "re2js";
import type { HTTPMatchRequest, L4MatchAttributes, StringMatch } from "@/lib/istio/types";
import { labelsMatch } from "./snapshot";
import { qualifyGatewayName } from "./hosts";
import type { HttpRequest, SourceContext } from "./types";

const regexCache = new Map<string, RE2JS | null>();

/**
 * Istio's regex is RE2, matched against the whole value (Envoy's safe_regex): re2js, the engine
 * server/diagnosis/route-may-match.ts also uses, so a pattern JavaScript accepts and RE2 refuses
 * (lookarounds, backreferences) matches nothing here, as istiod would not apply it. An invalid
 * pattern matches nothing. Compiled once per pattern: the engine matches on every request.
 */
function fullMatchRegex(pattern: string, ignoreCase: boolean): RE2JS | null {
  const key = `${ignoreCase ? "i" : ""}/${pattern}`;
  let re = regexCache.get(key);
  if (re === undefined) {
    try {
      re = RE2JS.compile(pattern, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    } catch {
      re = null;
    }
    regexCache.set(key, re);
  }
  return re;
}

export function stringMatches(match: StringMatch, value: string | undefined, ignoreCase = false): boolean {
  if (value === undefined) return false;
  const v = ignoreCase ? value.toLowerCase() : value;
  if (match.exact !== undefined) return v === (ignoreCase ? match.exact.toLowerCase() : match.exact);
  if (match.prefix !== undefined) return v.startsWith(ignoreCase ? match.prefix.toLowerCase() : match.prefix);
  if (match.regex !== undefined) return fullMatchRegex(match.regex, ignoreCase)?.matches(value) ?? false;
  // `{}`: presence.
  return true;
}

function queryParams(path: string): Map<string, string> {
  const q = path.indexOf("?");
  const out = new Map<string, string>();
  if (q < 0) return out;
  for (const [k, v] of new URLSearchParams(path.slice(q + 1))) if (!out.has(k)) out.set(k, v);
  return out;
}

function gatewayConditionHolds(gateways: string[] | undefined, vsNamespace: string, source: SourceContext): boolean {
  if (!gateways || gateways.length === 0) return true;
  const wanted = gateways.map((g) => qualifyGatewayName(g, vsNamespace));
  return source.gateways.some((g) => wanted.includes(g));
}

export function httpMatchHolds(
  match: HTTPMatchRequest,
  request: HttpRequest,
  source: SourceContext,
  vsNamespace: string,
): boolean {
  const pathOnly = request.path.split("?")[0] ?? "";
  if (match.uri && !stringMatches(match.uri, pathOnly, match.ignoreUriCase === true)) return false;
  if (match.method && !stringMatches(match.method, request.method)) return false;
  if (match.scheme && !stringMatches(match.scheme, request.scheme ?? "http")) return false;
  if (match.authority && !stringMatches(match.authority, request.host)) return false;
  if (match.port !== undefined && match.port !== request.port) return false;
  for (const [name, condition] of Object.entries(match.headers ?? {})) {
    if (!stringMatches(condition, request.headers[name.toLowerCase()])) return false;
  }
  for (const [name, condition] of Object.entries(match.withoutHeaders ?? {})) {
    if (stringMatches(condition, request.headers[name.toLowerCase()])) return false;
  }
  if (match.queryParams) {
    const params = queryParams(request.path);
    for (const [name, condition] of Object.entries(match.queryParams))
      if (!stringMatches(condition, params.get(name))) return false;
  }
  if (match.sourceLabels && !labelsMatch(match.sourceLabels, source.labels)) return false;
  if (match.sourceNamespace !== undefined && match.sourceNamespace !== source.namespace) return false;
  return gatewayConditionHolds(match.gateways, vsNamespace, source);
}

/** Match blocks are ORed; no blocks (or an empty list) matches everything. */
export function anyHttpMatchHolds(
  matches: HTTPMatchRequest[] | undefined,
  request: HttpRequest,
  source: SourceContext,
  vsNamespace: string,
): boolean {
  if (!matches || matches.length === 0) return true;
  return matches.some((m) => httpMatchHolds(m, request, source, vsNamespace));
}

export function anyL4MatchHolds(
  matches: L4MatchAttributes[] | undefined,
  port: number,
  source: SourceContext,
  vsNamespace: string,
): boolean {
  if (!matches || matches.length === 0) return true;
  return matches.some(
    (m) =>
      (m.port === undefined || m.port === port) &&
      (!m.sourceLabels || labelsMatch(m.sourceLabels, source.labels)) &&
      (m.sourceNamespace === undefined || m.sourceNamespace === source.namespace) &&
      gatewayConditionHolds(m.gateways, vsNamespace, source),
  );
}
