/**
 * The AND of two HTTP match lists, as one match list Istio can hold.
 *
 * Istio ANDs the conditions inside one match block and ORs the blocks
 * (/work/shared/reference/istio-facts.md §4), so (A1 ∨ A2) ∧ (B1 ∨ B2) is the list of every
 * Ai ∧ Bj, each a single block with both condition sets merged. No blocks (or an empty
 * list) means "every request", which is the unit of the AND.
 *
 * Merging two blocks, field by field:
 * - a field only one block has is copied;
 * - the same string condition on both (uri, scheme, method, authority, one header or query
 *   parameter) must become ONE condition: equal conditions stay; "present" (`{}`) gives way
 *   to the other; exact ∧ exact, exact ∧ prefix and prefix ∧ prefix are decided here (an
 *   exact value either satisfies the other condition or the pair can never match); any pair
 *   involving a different regex cannot be written as one condition and is reported as
 *   inexpressible (deciding RE2 in JavaScript would be a guess);
 * - `withoutHeaders` on the same header must be the same condition (a block cannot say "not
 *   A and not B" of one header); an exact header value the block also excludes never matches;
 * - port, sourceNamespace, sourceLabels must agree (else never); `gateways` intersect;
 * - the first block's `name` is kept (the rule's own block, when the first list is a rule's).
 * A pair that can never match is dropped; when every pair is dropped the result is "never".
 */
import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { HTTPMatchRequest, StringMatch } from "@/lib/istio/types";

export type MatchAnd =
  | { kind: "match"; /** undefined = every request */ match: HTTPMatchRequest[] | undefined }
  | { kind: "never" }
  | Inexpressible;

/** Two conditions on the same field that one match block cannot hold together. */
export interface Inexpressible {
  kind: "inexpressible";
  /** e.g. `headers.end-user`, `uri`, `withoutHeaders.x-test` */
  field: string;
  left: unknown;
  right: unknown;
}

export type Merge<T> = { kind: "value"; value: T } | { kind: "never" } | Inexpressible;

const NEVER = { kind: "never" } as const;
const value = <T>(v: T): Merge<T> => ({ kind: "value", value: v });

type Condition = { type: "exact" | "prefix" | "regex"; text: string } | { type: "present" };

/** Which condition a StringMatch states (the first of exact, prefix, regex that is set, as a proxy reads it). */
function conditionOf(m: StringMatch): Condition {
  if (m.exact !== undefined) return { type: "exact", text: m.exact };
  if (m.prefix !== undefined) return { type: "prefix", text: m.prefix };
  if (m.regex !== undefined) return { type: "regex", text: m.regex };
  return { type: "present" };
}

/** Whether a concrete value satisfies an exact or prefix condition. */
const satisfies = (text: string, c: Condition) =>
  c.type === "exact" ? text === c.text : c.type === "prefix" ? text.startsWith(c.text) : false;

/** The one condition equal to `a ∧ b` on the same string. */
export function andStringMatch(a: StringMatch, b: StringMatch, field: string): Merge<StringMatch> {
  if (isDeepStrictEqual(a, b)) return value(a);
  const ca = conditionOf(a);
  const cb = conditionOf(b);
  if (ca.type === "present") return value(b);
  if (cb.type === "present") return value(a);
  if (ca.type === "regex" || cb.type === "regex") {
    if (ca.type === cb.type && ca.text === cb.text) return value(a);
    return { kind: "inexpressible", field, left: a, right: b };
  }
  if (ca.type === "exact") return satisfies(ca.text, cb) ? value(a) : NEVER;
  if (cb.type === "exact") return satisfies(cb.text, ca) ? value(b) : NEVER;
  // Two prefixes: the longer one, if it extends the shorter.
  if (ca.text.startsWith(cb.text)) return value(a);
  if (cb.text.startsWith(ca.text)) return value(b);
  return NEVER;
}

function andOptional(
  a: StringMatch | undefined,
  b: StringMatch | undefined,
  field: string,
): Merge<StringMatch | undefined> {
  if (!a) return value(b);
  if (!b) return value(a);
  return andStringMatch(a, b, field);
}

/** Per-key AND of two condition maps (headers, queryParams). */
function andConditionMaps(
  a: Record<string, StringMatch> | undefined,
  b: Record<string, StringMatch> | undefined,
  field: string,
): Merge<Record<string, StringMatch> | undefined> {
  if (!a) return value(b);
  if (!b) return value(a);
  const out: Record<string, StringMatch> = { ...a };
  for (const [key, condition] of Object.entries(b)) {
    const merged = andOptional(out[key], condition, `${field}.${key}`);
    if (merged.kind !== "value") return merged;
    out[key] = merged.value!;
  }
  return value(out);
}

/** withoutHeaders: a header excluded by two different conditions cannot be one entry. */
function andExclusions(
  a: Record<string, StringMatch> | undefined,
  b: Record<string, StringMatch> | undefined,
): Merge<Record<string, StringMatch> | undefined> {
  if (!a) return value(b);
  if (!b) return value(a);
  const out: Record<string, StringMatch> = { ...a };
  for (const [key, condition] of Object.entries(b)) {
    const existing = out[key];
    if (existing && !isDeepStrictEqual(existing, condition))
      return { kind: "inexpressible", field: `withoutHeaders.${key}`, left: existing, right: condition };
    out[key] = condition;
  }
  return value(out);
}

/** An exact (or any, for a bare presence exclusion) header value that the block also excludes can never match. */
function excludedOutright(
  headers: Record<string, StringMatch> | undefined,
  without: Record<string, StringMatch> | undefined,
): boolean {
  for (const [key, excluded] of Object.entries(without ?? {})) {
    const wanted = headers?.[key];
    if (!wanted) continue;
    const ex = conditionOf(excluded);
    if (ex.type === "present") return true;
    const w = conditionOf(wanted);
    if (w.type === "exact" && satisfies(w.text, ex)) return true;
  }
  return false;
}

function agree<T>(a: T | undefined, b: T | undefined): Merge<T | undefined> {
  if (a === undefined) return value(b);
  if (b === undefined || isDeepStrictEqual(a, b)) return value(a);
  return NEVER;
}

function andLabels(
  a: Record<string, string> | undefined,
  b: Record<string, string> | undefined,
): Merge<Record<string, string> | undefined> {
  if (!a) return value(b);
  if (!b) return value(a);
  for (const [k, v] of Object.entries(b)) if (a[k] !== undefined && a[k] !== v) return NEVER;
  return value({ ...a, ...b });
}

function andGateways(a: string[] | undefined, b: string[] | undefined): Merge<string[] | undefined> {
  if (!a || a.length === 0) return value(b);
  if (!b || b.length === 0) return value(a);
  const both = a.filter((g) => b.includes(g));
  return both.length > 0 ? value(both) : NEVER;
}

/** One block holding every condition of `a` and of `b`. */
export function andMatchBlocks(a: HTTPMatchRequest, b: HTTPMatchRequest): Merge<HTTPMatchRequest> {
  if (
    a.uri &&
    b.uri &&
    (a.ignoreUriCase === true || b.ignoreUriCase === true) &&
    !(isDeepStrictEqual(a.uri, b.uri) && a.ignoreUriCase === b.ignoreUriCase)
  ) {
    return { kind: "inexpressible", field: "uri", left: a.uri, right: b.uri };
  }
  const out: HTTPMatchRequest = {};
  const name = a.name ?? b.name;
  if (name !== undefined) out.name = name;
  const steps: [keyof HTTPMatchRequest, Merge<unknown>][] = [
    ["uri", andOptional(a.uri, b.uri, "uri")],
    ["scheme", andOptional(a.scheme, b.scheme, "scheme")],
    ["method", andOptional(a.method, b.method, "method")],
    ["authority", andOptional(a.authority, b.authority, "authority")],
    ["headers", andConditionMaps(a.headers, b.headers, "headers")],
    ["withoutHeaders", andExclusions(a.withoutHeaders, b.withoutHeaders)],
    ["queryParams", andConditionMaps(a.queryParams, b.queryParams, "queryParams")],
    ["port", agree(a.port, b.port)],
    ["sourceLabels", andLabels(a.sourceLabels, b.sourceLabels)],
    ["gateways", andGateways(a.gateways, b.gateways)],
    ["sourceNamespace", agree(a.sourceNamespace, b.sourceNamespace)],
    ["ignoreUriCase", value(a.uri ? a.ignoreUriCase : b.uri ? b.ignoreUriCase : (a.ignoreUriCase ?? b.ignoreUriCase))],
  ];
  // Inexpressible wins over never: the user must hear about a combination we cannot write.
  const inexpressible = steps.find(([, m]) => m.kind === "inexpressible");
  if (inexpressible) return inexpressible[1] as Merge<HTTPMatchRequest>;
  if (steps.some(([, m]) => m.kind === "never")) return NEVER;
  const fields = out as Record<string, unknown>;
  for (const [key, m] of steps) if (m.kind === "value" && m.value !== undefined) fields[key] = m.value;
  if (excludedOutright(out.headers, out.withoutHeaders)) return NEVER;
  return value(out);
}

const isEmpty = (list: HTTPMatchRequest[] | undefined) => !list || list.length === 0;

/**
 * `a ∧ b` for two match lists (blocks ORed within each list). With `a` a rule's match and
 * `b` an experiment's scope, the result selects exactly the requests that would hit the
 * rule and are in scope.
 */
export function andHttpMatches(a: HTTPMatchRequest[] | undefined, b: HTTPMatchRequest[] | undefined): MatchAnd {
  if (isEmpty(a) && isEmpty(b)) return { kind: "match", match: undefined };
  const blocks: HTTPMatchRequest[] = [];
  for (const left of isEmpty(a) ? [{}] : a!) {
    for (const right of isEmpty(b) ? [{}] : b!) {
      const merged = andMatchBlocks(left, right);
      if (merged.kind === "inexpressible") return merged;
      if (merged.kind === "value" && !blocks.some((seen) => isDeepStrictEqual(seen, merged.value)))
        blocks.push(merged.value);
    }
  }
  return blocks.length === 0 ? { kind: "never" } : { kind: "match", match: blocks };
}
