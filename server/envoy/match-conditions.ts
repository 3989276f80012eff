/**
 * One route's conditions tested against one request, as Envoy tests them (config.route.v3.RouteMatch): the path
 * specifier (prefix; exact `path` and `safe_regex` without the query string, the regex matching the whole path;
 * `path_separated_prefix` at a `/` boundary), then every header matcher, then every query parameter matcher. Each
 * condition yields a sentence, so the trail says why a route was skipped. Regexes are RE2 in Envoy and run here as
 * JavaScript regexes, which agree on the syntax Istio users write (RE2 has no backreferences or lookaround).
 */
import "server-only";
import type { HeaderMatch, RouteMatch } from "@/lib/contracts/envoy";

export interface RequestUnderTest {
  /** With or without a port. */
  host: string;
  /** Path and query, as `:path` carries it. */
  path: string;
  /** Lower-case names; `:method` defaults to GET. */
  headers: Record<string, string>;
}

export interface ConditionResult {
  ok: boolean;
  reason: string;
}

/**
 * A repeated group that itself repeats (`(a+)+`, `(x*y)*`) backtracks exponentially in JavaScript, where RE2 is linear:
 * one such VirtualService regex and a crafted path would stall the console, so those are not run.
 */
const nestedRepetition = /\([^()]*(?:[+*]|\{\d+,\d*\})[^()]*\)(?:[+*]|\{\d+,\d*\})/;

function fullMatch(regex: string, value: string, ignoreCase = false): boolean | undefined {
  if (nestedRepetition.test(regex)) return undefined;
  try {
    return new RegExp(`^(?:${regex})$`, ignoreCase ? "i" : "").test(value);
  } catch {
    return undefined;
  }
}

const describe: Record<HeaderMatch["kind"], string> = {
  exact: "exactly",
  prefix: "starting with",
  suffix: "ending with",
  contains: "containing",
  regex: "matching",
  present: "present",
  absent: "absent",
  range: "in the range",
};

function testValue(m: HeaderMatch, value: string): boolean | undefined {
  const v = m.ignoreCase ? value.toLowerCase() : value;
  const want = m.ignoreCase ? (m.value ?? "").toLowerCase() : (m.value ?? "");
  switch (m.kind) {
    case "exact":
      return v === want;
    case "prefix":
      return v.startsWith(want);
    case "suffix":
      return v.endsWith(want);
    case "contains":
      return v.includes(want);
    case "regex":
      return fullMatch(m.value ?? "", value, m.ignoreCase);
    case "present":
      return true;
    case "absent":
      return false;
    case "range": {
      const [start, end] = (m.value ?? "").match(/-?\d+/g)?.map(Number) ?? [];
      const n = Number(value);
      if (start === undefined || end === undefined || !/^-?\d+$/.test(value)) return false;
      return n >= start && n < end;
    }
  }
}

/** A header or query parameter condition; `what` names it in the sentence ("header", "query parameter"). */
export function testHeader(m: HeaderMatch, value: string | undefined, what: string): ConditionResult {
  const wanted = m.kind === "present" || m.kind === "absent" ? describe[m.kind] : `${describe[m.kind]} "${m.value}"`;
  const condition = `${what} ${m.name} ${m.invert ? "not " : ""}${wanted}${m.ignoreCase ? " (any case)" : ""}`;
  if (value === undefined) {
    const ok = (m.kind === "absent") !== m.invert;
    return { ok, reason: `${condition}: the request has no ${what} ${m.name}` };
  }
  const tested = testValue(m, value);
  if (tested === undefined) return { ok: false, reason: `${condition}: the regex is not one Topsail can run` };
  const ok = tested !== m.invert;
  return { ok, reason: `${condition}: it is "${value}"` };
}

function testPath(match: RouteMatch, fullPath: string): ConditionResult {
  const { kind, value } = match.path;
  const withoutQuery = fullPath.split("?")[0] ?? fullPath;
  const fold = (s: string) => (match.caseSensitive ? s : s.toLowerCase());
  const p = fold(withoutQuery);
  const v = fold(value);
  switch (kind) {
    case "prefix": {
      const ok = fold(fullPath).startsWith(v);
      return { ok, reason: `path ${ok ? "starts" : "does not start"} with ${value}` };
    }
    case "path": {
      const ok = p === v;
      return { ok, reason: `path ${ok ? "is" : "is not"} exactly ${value}` };
    }
    case "path_separated_prefix": {
      const ok = p === v || p.startsWith(`${v}/`);
      return { ok, reason: `path ${ok ? "is" : "is not"} ${value} or below it` };
    }
    case "regex": {
      const ok = fullMatch(value, withoutQuery, !match.caseSensitive);
      if (ok === undefined) return { ok: false, reason: `path regex ${value} is not one Topsail can run` };
      return { ok, reason: `path ${ok ? "matches" : "does not match"} the regex ${value}` };
    }
    case "connect":
      return { ok: false, reason: "the route takes only CONNECT requests" };
    case "other":
      return { ok: false, reason: "the route's path condition is one Topsail does not read" };
  }
}

/** Headers as Envoy sees them: the request's, with the pseudo-headers filled from the host, path and method. */
function headersOf(request: RequestUnderTest): Record<string, string> {
  return {
    ":method": "GET",
    ":scheme": "http",
    ...request.headers,
    ":authority": request.host,
    ":path": request.path,
  };
}

/** Every condition of the route, in Envoy's order, stopping at the first that fails. */
export function testRoute(match: RouteMatch, request: RequestUnderTest): { ok: boolean; reasons: string[] } {
  const results: ConditionResult[] = [testPath(match, request.path)];
  const headers = headersOf(request);
  const query = new URLSearchParams(request.path.includes("?") ? request.path.slice(request.path.indexOf("?")) : "");
  for (const h of match.headers) {
    if (!results.at(-1)?.ok) break;
    results.push(testHeader(h, headers[h.name.toLowerCase()], "header"));
  }
  for (const q of match.queryParameters) {
    if (!results.at(-1)?.ok) break;
    results.push(testHeader(q, query.get(q.name) ?? undefined, "query parameter"));
  }
  return { ok: results.every((r) => r.ok), reasons: results.map((r) => r.reason) };
}
