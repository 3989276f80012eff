/**
 * The one place PromQL text is assembled. Label values are escaped here, so a namespace or
 * workload name can never change the shape of a query (the injection and typo class of bugs
 * that string-switch query builders invite). Every selector also carries the query scope
 * (query-scope.ts): the one place it is added, so no query can leave it out.
 */

import { labelNamePattern as labelName, type LabelMatcher } from "@/lib/promql-label-matchers";
import { queryScope } from "./query-scope";

export type { LabelMatcher } from "@/lib/promql-label-matchers";

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Escapes a value for a double-quoted PromQL string literal. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** Escapes regex metacharacters, for a `=~` matcher that must match a literal value. */
export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function selector(metric: string, matchers: readonly LabelMatcher[] = []): string {
  if (!metricName.test(metric)) throw new Error(`invalid metric name: ${metric}`);
  const all = [...matchers, ...queryScope()];
  for (const m of all) {
    if (!labelName.test(m.label)) throw new Error(`invalid label name: ${m.label}`);
  }
  const body = all.map((m) => `${m.label}${m.op}"${escapeLabelValue(m.value)}"`).join(",");
  return body ? `${metric}{${body}}` : metric;
}

/** A range-vector window in whole seconds, e.g. `[300s]`. */
function windowText(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds <= 0) throw new Error(`invalid range window: ${seconds}`);
  return `[${seconds}s]`;
}

function byClause(labels: readonly string[]): string {
  for (const l of labels) if (!labelName.test(l)) throw new Error(`invalid label name: ${l}`);
  return labels.length ? ` by (${labels.join(",")})` : "";
}

/** `sum(rate(SELECTOR[Ws])) by (LABELS)`: per-second rate over the window, grouped. */
export function sumRate(selectorText: string, windowSeconds: number, by: readonly string[] = []): string {
  return `sum(rate(${selectorText}${windowText(windowSeconds)}))${byClause(by)}`;
}

/**
 * `sum(rate(A[Ws]) or rate(B[Ws])) by (LABELS)`: the rate of the series any selector picks.
 * `or` keeps each series once (a series both pick has one label set), so overlapping
 * selectors never count a request twice — what label matchers alone cannot say ("this code,
 * or that other label").
 */
export function sumRateUnion(
  selectorTexts: readonly string[],
  windowSeconds: number,
  by: readonly string[] = [],
): string {
  if (selectorTexts.length === 0) throw new Error("sumRateUnion needs at least one selector");
  const w = windowText(windowSeconds);
  return `sum(${selectorTexts.map((s) => `rate(${s}${w})`).join(" or ")})${byClause(by)}`;
}

/** `histogram_quantile(Q, sum(rate(BUCKETS[Ws])) by (le, LABELS))`. */
export function histogramQuantile(
  quantile: number,
  bucketSelectorText: string,
  windowSeconds: number,
  by: readonly string[] = [],
): string {
  if (!(quantile >= 0 && quantile <= 1)) throw new Error(`invalid quantile: ${quantile}`);
  return `histogram_quantile(${quantile}, ${sumRate(bucketSelectorText, windowSeconds, ["le", ...by.filter((l) => l !== "le")])})`;
}

/** `A / B`, for averages such as `_sum` over `_count` with the same grouping. */
export function divide(numerator: string, denominator: string): string {
  return `(${numerator}) / (${denominator})`;
}

/**
 * `label_replace(EXPR, "LABEL", "VALUE", "", "")`: every series of EXPR carries LABEL=VALUE.
 * Joined with `or`, expressions grouped alike then keep their series apart (`or` drops a
 * right-hand series whose label set the left already has), so one range query can answer
 * several questions and the answer says which series answers which.
 */
export function withLabel(expression: string, label: string, value: string): string {
  if (!labelName.test(label)) throw new Error(`invalid label name: ${label}`);
  return `label_replace(${expression}, "${label}", "${escapeLabelValue(value)}", "", "")`;
}
