/**
 * The one place PromQL text is assembled. Label values are escaped here, so a namespace or
 * workload name can never change the shape of a query (the injection and typo class of bugs
 * that string-switch query builders invite).
 */

export type LabelMatcher =
  | { label: string; op: "=" | "!=" | "=~" | "!~"; value: string };

const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Escapes a value for a double-quoted PromQL string literal. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** Escapes regex metacharacters, for a `=~` matcher that must match a literal value. */
export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function selector(metric: string, matchers: LabelMatcher[] = []): string {
  if (!metricName.test(metric)) throw new Error(`invalid metric name: ${metric}`);
  for (const m of matchers) {
    if (!labelName.test(m.label)) throw new Error(`invalid label name: ${m.label}`);
  }
  const body = matchers.map((m) => `${m.label}${m.op}"${escapeLabelValue(m.value)}"`).join(",");
  return body ? `${metric}{${body}}` : metric;
}
