/** One HTTP route: what it may combine, its matches, mirrors, redirects and timeouts. */
import type { HTTPMatchRequest, HTTPRoute, StringMatch } from "../../types";
import {
  checkDestination,
  checkGatewayNames,
  checkLabels,
  isDns1123Label,
  validateDuration,
  validatePort,
} from "../common-checks";
import { MESSAGES as M } from "../messages";
import { parseDurationMs } from "../../duration";
import { compileRegexError } from "../regex";
import type { Findings } from "../types";
import { checkFault } from "./fault";
import { checkRetries } from "./retries";
import { checkRouteDestinations } from "./route-destinations";

const HEADER_NAME = /^[-_A-Za-z0-9]+$/;
const JWT_CLAIM = /^@request\.auth\.claims(\.|\[)/;

function checkConflicts(f: Findings, path: string, http: HTTPRoute, isDelegate: boolean): void {
  if (!isDelegate && http.delegate) {
    if (http.redirect) f.error(`${path}/redirect`, M.rootRouteRedirect(http.name ?? ""));
    if (http.route) f.error(`${path}/route`, M.rootRouteRoute(http.name ?? ""));
    return;
  }
  const hasRoute = (http.route ?? []).length > 0;
  if (http.redirect) {
    if (hasRoute) f.error(path, M.httpRouteAndRedirect());
    if (http.fault) f.error(path, M.httpFaultAndRedirect());
    if (http.rewrite) f.error(path, M.httpRewriteAndRedirect());
    if (http.directResponse) f.error(path, M.httpDirectAndRedirect());
  } else if (http.directResponse) {
    if (hasRoute) f.error(path, M.httpRouteAndDirect());
    if (http.fault) f.error(path, M.httpFaultAndDirect());
    if (http.rewrite) f.error(path, M.httpRewriteAndDirect());
  } else if (!hasRoute) {
    f.error(path, M.httpRouteRequired());
  }
  if (http.mirror && (http.mirrors ?? []).length > 0) f.error(path, M.httpMirrorAndMirrors());
}

/** istiod's validateStringRegexp: length first (Envoy's program-size limit), then RE2 syntax. */
function regexError(re: string, where: string): string | undefined {
  if (re.length > 1024) return M.stringMatchRegexTooLarge(where);
  const goError = compileRegexError(re);
  return goError === undefined ? undefined : M.regexInvalid(where, goError);
}

function checkStringMatch(
  f: Findings,
  path: string,
  sm: StringMatch | undefined,
  where: string,
  allowEmptyPrefix = false,
): void {
  if (!sm) return;
  if (sm.prefix !== undefined && sm.prefix === "" && !allowEmptyPrefix) f.error(path, M.stringMatchEmptyPrefix(where));
  if (sm.regex !== undefined) {
    if (sm.regex === "") f.error(path, M.stringMatchEmptyRegex(where));
    else f.error(path, regexError(String(sm.regex), where));
  }
}

/**
 * CORS: each allowOrigins entry needs a non-empty match (a regex
 * one must compile); maxAge is a duration in whole seconds.
 */
function checkCorsPolicy(f: Findings, path: string, cors: HTTPRoute["corsPolicy"]): void {
  const origins = cors?.allowOrigins;
  if (Array.isArray(origins)) {
    origins.forEach((origin: StringMatch | undefined, i) => {
      const at = `${path}/allowOrigins[${i}]`;
      const value = origin?.exact ?? origin?.prefix ?? origin?.regex ?? "";
      if (value === "") f.error(at, M.corsOriginEmpty());
      else if (origin?.regex !== undefined) f.error(at, regexError(String(origin.regex), "corsPolicy.allowOrigins"));
    });
  }
  const maxAge = cors?.maxAge;
  if (maxAge === undefined) return;
  f.error(`${path}/maxAge`, validateDuration(String(maxAge)));
  const ms = parseDurationMs(String(maxAge));
  if (ms !== undefined && ms % 1000 !== 0) f.error(`${path}/maxAge`, M.corsMaxAgeSeconds());
}

function checkHeaderName(f: Findings, path: string, name: string): void {
  if (name === "") f.error(path, M.headerNameEmpty());
  else if (!JWT_CLAIM.test(name) && !HEADER_NAME.test(name)) f.error(path, M.headerNameInvalid(name));
}

function checkMatch(f: Findings, path: string, match: HTTPMatchRequest): void {
  for (const [name, header] of Object.entries(match.headers ?? {})) {
    checkHeaderName(f, `${path}/headers`, name);
    checkStringMatch(f, `${path}/headers/${name}`, header, "headers");
  }
  for (const [name, header] of Object.entries(match.withoutHeaders ?? {})) {
    checkHeaderName(f, `${path}/withoutHeaders`, name);
    if (header?.regex !== "*") checkStringMatch(f, `${path}/withoutHeaders/${name}`, header, "withoutHeaders");
  }
  checkStringMatch(f, `${path}/uri`, match.uri, "uri", true);
  checkStringMatch(f, `${path}/scheme`, match.scheme, "scheme");
  checkStringMatch(f, `${path}/method`, match.method, "method");
  checkStringMatch(f, `${path}/authority`, match.authority, "authority");
  for (const [name, qp] of Object.entries(match.queryParams ?? {}))
    checkStringMatch(f, `${path}/queryParams/${name}`, qp, "queryParams");
}

function checkMatchTargets(f: Findings, path: string, match: HTTPMatchRequest): void {
  if (match.port !== undefined && match.port !== 0) f.error(`${path}/port`, validatePort(match.port));
  checkLabels(f, `${path}/sourceLabels`, match.sourceLabels);
  checkGatewayNames(f, `${path}/gateways`, match.gateways);
  if (match.sourceNamespace && !isDns1123Label(match.sourceNamespace))
    f.error(`${path}/sourceNamespace`, M.sourceNamespaceInvalid(match.sourceNamespace));
}

function checkMirrors(f: Findings, path: string, http: HTTPRoute): void {
  if (http.mirrorPercent !== undefined) {
    if (http.mirrorPercent > 100) f.error(`${path}/mirrorPercent`, M.mirrorPercentMax(http.mirrorPercent));
    f.warn(`${path}/mirrorPercent`, M.mirrorPercentDeprecated());
  }
  if (http.mirrorPercentage) {
    const v = http.mirrorPercentage.value ?? 0;
    if (v > 100) f.error(`${path}/mirrorPercentage`, M.mirrorPercentageMax(v));
    if (v < 0) f.error(`${path}/mirrorPercentage`, M.mirrorPercentageMin(v));
  }
  checkDestination(f, `${path}/mirror`, http.mirror);
  (http.mirrors ?? []).forEach((mirror, i) => {
    const at = `${path}/mirrors[${i}]`;
    if (!mirror?.destination) {
      f.error(at, M.mirrorsDestinationRequired());
      return;
    }
    checkDestination(f, `${at}/destination`, mirror.destination);
    const v = mirror.percentage?.value;
    if (v !== undefined && v > 100) f.error(`${at}/percentage`, M.mirrorsPercentageMax(v));
    if (v !== undefined && v < 0) f.error(`${at}/percentage`, M.mirrorsPercentageMin(v));
  });
}

function checkRedirectAndRewrite(f: Findings, path: string, http: HTTPRoute): void {
  const r = http.redirect;
  if (r) {
    if (!r.uri && !r.authority && r.port === undefined && !r.derivePort && !r.scheme)
      f.error(`${path}/redirect`, M.redirectEmpty());
    else if (r.redirectCode !== undefined && r.redirectCode !== 0 && (r.redirectCode < 300 || r.redirectCode > 399))
      f.error(`${path}/redirect/redirectCode`, M.redirectCode(r.redirectCode));
    else if (r.scheme && r.scheme !== "http" && r.scheme !== "https")
      f.error(`${path}/redirect/scheme`, M.redirectScheme());
    else if (r.port !== undefined && r.port > 0) f.error(`${path}/redirect/port`, validatePort(r.port));
  }
  const status = http.directResponse?.status;
  if (http.directResponse && (status === undefined || status < 200 || status > 600))
    f.error(`${path}/directResponse/status`, M.httpStatusRange(status ?? 0));
  checkRetries(f, `${path}/retries`, http.retries);
  const w = http.rewrite;
  if (w) {
    const regexRewrite = w.uriRegexRewrite;
    if (w.uri && regexRewrite) f.error(`${path}/rewrite`, M.rewriteBoth());
    else if (!w.uri && !regexRewrite && !w.authority) f.error(`${path}/rewrite`, M.rewriteEmpty());
    else if (regexRewrite && (!regexRewrite.match || !regexRewrite.rewrite))
      f.error(`${path}/rewrite/uriRegexRewrite`, M.uriRegexRewriteIncomplete());
    else if (regexRewrite?.match) {
      const inner = regexError(String(regexRewrite.match), "HTTPRewrite.UriRegexRewrite.Match");
      if (inner) f.error(`${path}/rewrite/uriRegexRewrite/match`, M.uriRegexRewriteErrors(inner));
    }
  }
}

/** In istiod's order, so a multi-error message lists problems as istiod would. */
export function checkHttpRoute(f: Findings, path: string, http: HTTPRoute, isDelegate: boolean): void {
  checkConflicts(f, path, http, isDelegate);
  (http.match ?? []).forEach((m, i) => m && checkMatch(f, `${path}/match[${i}]`, m));
  (http.match ?? []).forEach((m, i) => m && checkMatchTargets(f, `${path}/match[${i}]`, m));
  checkCorsPolicy(f, `${path}/corsPolicy`, http.corsPolicy);
  checkFault(f, `${path}/fault`, http.fault);
  checkMirrors(f, path, http);
  checkRedirectAndRewrite(f, path, http);
  checkRouteDestinations(f, `${path}/route`, http.route);
  if (http.timeout !== undefined) f.error(`${path}/timeout`, validateDuration(http.timeout));
}
