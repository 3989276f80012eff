/**
 * PromQL label matchers as data, and the parser of a written list of them
 * (`mesh_id="mesh1",cluster=~"east-.*"`): what TOPSAIL_PROMETHEUS_QUERY_SCOPE holds
 * (server/config/parse-config.ts). Pure and in lib/, so the configuration can check it at
 * start-up without importing the Prometheus adapter, which renders them
 * (server/adapters/prometheus/promql.ts).
 */

export type LabelMatcher = { label: string; op: "=" | "!=" | "=~" | "!~"; value: string };

export const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** One matcher: name, operator, and a double-quoted value whose `\"` and `\\` are escapes. */
const matcherText = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*(?:,|$)/;

const unescape = (value: string) => value.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));

/**
 * The matchers of `text`, comma-separated, or undefined when any part is not a matcher.
 * Values are unescaped here and escaped again by `selector`, so a scope can never change a
 * query's shape.
 */
export function parseLabelMatchers(text: string): LabelMatcher[] | undefined {
  const matchers: LabelMatcher[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    const m = matcherText.exec(rest);
    if (!m) return undefined;
    matchers.push({ label: m[1] as string, op: m[2] as LabelMatcher["op"], value: unescape(m[3] as string) });
    rest = rest.slice(m[0].length).trim();
  }
  return matchers.length > 0 ? matchers : undefined;
}
