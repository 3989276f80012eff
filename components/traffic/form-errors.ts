/**
 * The one mapping from the wizard contracts' zod issues to what a form shows: a message in
 * words under the field it is about ("Header value is required", "Weights must add up to 100
 * (now 90)"), never a path like `rules.0.matches.0.headers.0.value`. The contract's messages
 * are predicates (lib/contracts/traffic.ts); this file puts the field's name in front, and
 * says where the field is ("Rule 1, match 1") for the list shown when the user tries to submit.
 * Each issue keeps its path as a key, which is how a field finds its own message.
 */
import type { z } from "zod";

export type FormIssue = z.core.$ZodIssue;

export interface FieldError {
  /** The issue's path joined with dots: the field that shows it asks for this key. */
  key: string;
  /** The field's name and what is wrong, e.g. "Header value is required". */
  message: string;
  /** Where the field is in a list of rules, e.g. "Rule 2, match 1"; null for a top-level field. */
  where: string | null;
}

export const fieldKey = (...path: readonly PropertyKey[]): string => path.map(String).join(".");

/** Field names by path (indices as `#`), as the forms label them; a new field is a new row. */
const fieldNames: [pattern: string, name: string][] = [
  ["rules", "Rules"],
  ["rules.#.routes", "Weights"],
  ["routes", "Weights"],
  ["#.headers.#.name", "Header name"],
  ["#.headers.#.value", "Header value"],
  ["#.uri.value", "URI"],
  ["#.routes.#.subset", "Destination"],
  ["#.routes.#.weight", "Weight"],
  ["routes.#.subset", "Destination"],
  ["routes.#.weight", "Weight"],
  ["target.name", "Header name"],
  ["target.value", "Header value"],
  ["timeout", "Timeout"],
  ["retries.attempts", "Attempts"],
  ["retries.perTryTimeout", "Per-try timeout"],
  ["retries.retryOn", "Retry on"],
  ["delay.fixedDelay", "Fixed delay"],
  ["delay.percentage", "Delay percentage"],
  ["abort.httpStatus", "HTTP status"],
  ["abort.percentage", "Abort percentage"],
  ["mirror.subset", "Mirror subset"],
  ["mirror.percentage", "Mirror percentage"],
  ["maxConnections", "Max connections"],
  ["http1MaxPendingRequests", "Max pending HTTP/1.1 requests"],
  ["maxRequestsPerConnection", "Max requests per connection"],
  ["consecutive5xxErrors", "Consecutive 5xx errors"],
  ["interval", "Interval"],
  ["baseEjectionTime", "Base ejection time"],
  ["maxEjectionPercent", "Max ejection percent"],
  // Expose this service (lib/contracts/expose.ts)
  ["host", "Host"],
  ["servicePort", "Service port"],
  ["credentialName", "Credential Secret"],
];

/** A pattern's `#` is any index; a leading `#.` is any prefix (a rule's match block). */
function matches(pattern: string, path: readonly PropertyKey[]): boolean {
  const shape = path.map((p) => (typeof p === "number" ? "#" : String(p))).join(".");
  return pattern.startsWith("#.") ? shape.endsWith(pattern.slice(1)) : shape === pattern;
}

function nameOf(path: readonly PropertyKey[]): string {
  return fieldNames.find(([pattern]) => matches(pattern, path))?.[1] ?? "This field";
}

/** Where a field sits among repeated blocks: rules.1.matches.0 → "Rule 2, match 1". */
const placeNames: Record<string, string> = {
  rules: "Rule",
  matches: "match",
  headers: "header",
  routes: "destination",
};

function whereOf(path: readonly PropertyKey[]): string | null {
  const places: string[] = [];
  path.forEach((segment, i) => {
    const next = path[i + 1];
    const place = placeNames[String(segment)];
    // The last index names the field itself (a destination's weight), not a place around it.
    if (place && typeof next === "number" && i + 2 < path.length) places.push(`${place} ${next + 1}`);
  });
  return places.length > 0 ? places.join(", ") : null;
}

/** What is wrong, as a predicate; zod's own wording only where the contract gives none. */
function predicateOf(issue: FormIssue): string {
  if (issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) <= 1) return "is required";
  if (issue.code === "invalid_type") {
    if (issue.expected === "number") return "must be a number";
    if (issue.expected === "int") return "must be a whole number";
    return "is required";
  }
  return issue.message;
}

export function fieldErrorsOf(issues: readonly FormIssue[]): FieldError[] {
  return issues.map((issue) => ({
    key: fieldKey(...issue.path),
    message: `${nameOf(issue.path)} ${predicateOf(issue)}`,
    where: whereOf(issue.path),
  }));
}

/** Each issue as the sentence a list of problems shows: "Rule 1, match 1: Header value is required". */
export const problemText = (error: FieldError): string =>
  error.where ? `${error.where}: ${error.message}` : error.message;
