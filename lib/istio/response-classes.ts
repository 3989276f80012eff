/**
 * What "error" means, once, for every page: the response classes of Istio's request metrics
 * as rows. Each row says which responses it covers per protocol (from `response_code` and
 * `grpc_response_status`, istio-facts §2) and whether they count as errors. The graph and
 * the inventory (server/health/response-classes.ts) match their rows with the predicates
 * compiled here; the metrics charts (server/metrics) and the experiment gates
 * (server/experiments) select error requests with the PromQL label matchers derived here;
 * the UI legends read the labels. A new class is a new row.
 *
 * The error definition is Kiali's graph's (kiali-parity.md; Kiali's graph/protocol.go and
 * HandleResponseCode), so one request counts the same on the graph, the charts and a
 * canary's gates, and numbers agree with what Kiali users already know:
 * - HTTP: no response (code 0), 4xx and 5xx are errors; 3xx is not.
 * - gRPC: no response, an HTTP error on the transport (4xx/5xx), or any grpc-status other
 *   than 0 (OK). A gRPC failure usually travels as HTTP 200 with grpc-status in the trailers
 *   (Envoy reports e.g. `response_code="200", grpc_response_status="14"`), so a definition
 *   on response_code alone would call an UNAVAILABLE backend healthy. An empty status (not
 *   reported) falls back to the HTTP code, as Kiali does.
 * - TCP: no classes (bytes, not requests).
 * 4xx count as errors although they are often the client's fault: gates used to skip them,
 * and then a canary's page and its verdict disagreed on the same traffic.
 */

/** `request_protocol` of istio_requests_total (TCP has its own metrics and no classes). */
export type RequestProtocol = "http" | "grpc";
export const requestProtocols: readonly RequestProtocol[] = ["http", "grpc"];

/** A response_code class: "0" (no response was sent) or a hundred like "4xx". */
export type CodeClass = "0" | "1xx" | "2xx" | "3xx" | "4xx" | "5xx";

/** Responses one alternative covers: every condition given holds. */
export interface Coverage {
  /** response_code is in these classes, or (`notIn`) in none of them. */
  codes: { in: readonly CodeClass[] } | { notIn: readonly CodeClass[] };
  /** grpc_response_status is none of these ("" = not reported). */
  grpcStatusNotIn?: readonly string[];
}

/**
 * Every class suffix once, across protocols; a rate key is protocol + suffix ("http5xx",
 * "grpcErr"), as Kiali names them. The graph keeps class rates at these positions.
 */
export const classSuffixes = ["NoResponse", "3xx", "4xx", "5xx", "Err"] as const;
export type ClassSuffix = (typeof classSuffixes)[number];

export interface ResponseClassRow {
  protocol: RequestProtocol;
  suffix: ClassSuffix;
  /** How legends name the class. */
  label: string;
  error: boolean;
  /** The responses it covers: any of these. */
  covers: readonly Coverage[];
}

const httpErrorCodes: readonly CodeClass[] = ["4xx", "5xx"];

export const responseClassRows: readonly ResponseClassRow[] = [
  { protocol: "http", suffix: "NoResponse", label: "no response", error: true, covers: [{ codes: { in: ["0"] } }] },
  { protocol: "http", suffix: "3xx", label: "3xx", error: false, covers: [{ codes: { in: ["3xx"] } }] },
  { protocol: "http", suffix: "4xx", label: "4xx", error: true, covers: [{ codes: { in: ["4xx"] } }] },
  { protocol: "http", suffix: "5xx", label: "5xx", error: true, covers: [{ codes: { in: ["5xx"] } }] },
  { protocol: "grpc", suffix: "NoResponse", label: "no response", error: true, covers: [{ codes: { in: ["0"] } }] },
  {
    protocol: "grpc",
    suffix: "Err",
    label: "gRPC status ≠ 0",
    error: true,
    covers: [
      { codes: { in: httpErrorCodes } },
      { codes: { notIn: ["0", ...httpErrorCodes] }, grpcStatusNotIn: ["0", ""] },
    ],
  },
];

/** The outcome labels of one request series, as Istio reports them ("" when absent). */
export interface ResponseOutcome {
  code: string;
  grpcStatus: string;
}

/**
 * A test of response_code against classes, comparing characters: the graph runs it for
 * every row of a build (tens of thousands), where a regular expression or a callback per
 * class would show in its figures.
 */
function codeTest(classes: readonly CodeClass[]): (code: string) => boolean {
  const zero = classes.includes("0");
  const firsts = classes.filter((c) => c !== "0").map((c) => c.charCodeAt(0));
  const only = firsts.length === 1 ? (firsts[0] as number) : -1;
  if (firsts.length === 0) return (code) => code === "0";
  if (!zero && only >= 0) return (code) => code.length === 3 && code.charCodeAt(0) === only;
  return (code) => (code === "0" ? zero : code.length === 3 && firsts.includes(code.charCodeAt(0)));
}

function compileCoverage(c: Coverage): (r: ResponseOutcome) => boolean {
  const codes = c.codes;
  const inClasses = codeTest("in" in codes ? codes.in : codes.notIn);
  const codeOk = "in" in codes ? inClasses : (code: string) => !inClasses(code);
  const notStatus = c.grpcStatusNotIn;
  return notStatus ? (r) => codeOk(r.code) && !notStatus.includes(r.grpcStatus) : (r) => codeOk(r.code);
}

/** Whether a row's class covers a response. */
export function compileRow(row: ResponseClassRow): (r: ResponseOutcome) => boolean {
  const alternatives = row.covers.map(compileCoverage);
  if (alternatives.length === 1) return alternatives[0] as (r: ResponseOutcome) => boolean;
  return (r) => alternatives.some((a) => a(r));
}

export function rowsOf(protocol: RequestProtocol): ResponseClassRow[] {
  return responseClassRows.filter((r) => r.protocol === protocol);
}

const errorPredicates = Object.fromEntries(
  requestProtocols.map((p) => [
    p,
    rowsOf(p)
      .filter((r) => r.error)
      .map(compileRow),
  ]),
) as Record<RequestProtocol, ((r: ResponseOutcome) => boolean)[]>;

/** Whether a response counts as an error, on every page. */
export function isErrorResponse(protocol: RequestProtocol, outcome: ResponseOutcome): boolean {
  return errorPredicates[protocol].some((matches) => matches(outcome));
}

/** What the error classes are, for a legend: "no response, 4xx, 5xx, gRPC status ≠ 0". */
export const errorLegend: string = [...new Set(responseClassRows.filter((r) => r.error).map((r) => r.label))].join(
  ", ",
);

/** A PromQL label matcher as data; server/adapters/prometheus/promql.ts renders and escapes it. */
export interface LabelCondition {
  label: string;
  op: "=" | "!=" | "=~" | "!~";
  value: string;
}

const codeRegex = (classes: readonly CodeClass[]): string =>
  [...classes]
    .sort()
    .map((c) => (c === "0" ? "0" : `${c[0]}..`))
    .join("|");
/** Literal values as an anchored alternation ("0|" = "0" or empty, i.e. absent). */
const valuesRegex = (values: readonly string[]): string =>
  values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");

function coverageConditions(c: Coverage): LabelCondition[] {
  const out: LabelCondition[] =
    "in" in c.codes
      ? [{ label: "response_code", op: "=~", value: codeRegex(c.codes.in) }]
      : [{ label: "response_code", op: "!~", value: codeRegex(c.codes.notIn) }];
  if (c.grpcStatusNotIn) out.push({ label: "grpc_response_status", op: "!~", value: valuesRegex(c.grpcStatusNotIn) });
  return out;
}

/**
 * The error requests as PromQL: alternatives (to be joined with `or`), each a list of label
 * matchers that all hold. Code-only alternatives of a protocol merge into one code set, and
 * an alternative every protocol shares needs no `request_protocol` matcher, so the usual
 * answer is two selectors: `response_code=~"0|4..|5.."` (any protocol), or a gRPC request
 * whose code is none of those but whose grpc_response_status is neither "0" nor empty.
 */
export function errorRequestMatchers(): LabelCondition[][] {
  const byKey = new Map<string, { conditions: LabelCondition[]; protocols: RequestProtocol[] }>();
  for (const protocol of requestProtocols) {
    const coverages = rowsOf(protocol)
      .filter((r) => r.error)
      .flatMap((r) => r.covers);
    const codeOnly = coverages.flatMap((c) => ("in" in c.codes && !c.grpcStatusNotIn ? c.codes.in : []));
    const rest = coverages.filter((c) => !("in" in c.codes) || c.grpcStatusNotIn);
    const merged: Coverage[] = [...(codeOnly.length > 0 ? [{ codes: { in: [...new Set(codeOnly)] } }] : []), ...rest];
    for (const coverage of merged) {
      const conditions = coverageConditions(coverage);
      const key = JSON.stringify(conditions);
      const entry = byKey.get(key) ?? { conditions, protocols: [] };
      entry.protocols.push(protocol);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()].map(({ conditions, protocols }) => {
    if (protocols.length === requestProtocols.length) return conditions;
    const protocol: LabelCondition =
      protocols.length === 1
        ? { label: "request_protocol", op: "=", value: protocols[0] as string }
        : { label: "request_protocol", op: "=~", value: protocols.join("|") };
    return [protocol, ...conditions];
  });
}
