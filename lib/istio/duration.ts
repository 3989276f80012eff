/**
 * Durations as Istio accepts them in YAML: Go's time.ParseDuration syntax ("1.5s", "500ms",
 * "1m30s", "3m"). Returned in milliseconds (fractional when finer than a millisecond).
 * istiod decodes a Duration with time.ParseDuration, which refuses anything beyond an int64
 * of nanoseconds (about 2562047h): such text is "not a duration" here too.
 */

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.Duration is an int64 of nanoseconds: 9223372036854775807ns, in milliseconds. */
export const MAX_DURATION_MS = 9_223_372_036_854.775807;

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Milliseconds, or undefined when the text is not a duration. A bare "0" is zero, as in Go. */
export function parseDurationMs(text: string): number | undefined {
  let rest = text.trim();
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    if (rest.startsWith("-")) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < rest.length) {
    const start = PART.lastIndex;
    const m = PART.exec(rest);
    if (!m || m.index !== start) return undefined;
    const unit = UNIT_MS[m[2] as string];
    if (unit === undefined) return undefined;
    total += Number(m[1]) * unit;
    if (!(total <= MAX_DURATION_MS)) return undefined;
  }
  return sign * total;
}

/** Formats milliseconds the way Istio's docs write them: "500ms", "1.5s", "7s". */
export function formatDurationMs(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  return `${Number((ms / 1000).toFixed(3))}s`;
}
