/**
 * Go's `time.ParseDuration`, which Jaeger's query service uses for `minDuration` and
 * `maxDuration` (`50ms`, `1.2s`, `100us`, `1h30m`), with Go's error texts, so a client that
 * sends what Jaeger rejects gets Jaeger's answer. Returns microseconds, Jaeger's span unit.
 */

const MICROS_PER_UNIT: Readonly<Record<string, number>> = {
  ns: 0.001,
  us: 1,
  "\u00b5s": 1, // micro sign
  "\u03bcs": 1, // Greek mu
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  h: 3_600_000_000,
};

export type GoDuration = { ok: true; micros: number } | { ok: false; error: string };

/** Go's `%q` of a plain string: the only escapes an HTTP query value needs are `"` and `\`. */
const quote = (s: string): string => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

export function parseGoDuration(input: string): GoDuration {
  const invalid: GoDuration = { ok: false, error: `time: invalid duration ${quote(input)}` };
  let rest = input;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    sign = rest.startsWith("-") ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "0") return { ok: true, micros: 0 };
  if (rest === "") return invalid;
  let micros = 0;
  while (rest !== "") {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest);
    const whole = number?.[1] ?? "";
    const fraction = number?.[2] ?? "";
    // Go needs a digit on one side of the point: "." and ".s" are invalid.
    if (!number || (whole === "" && fraction === "")) return invalid;
    rest = rest.slice(number[0].length);
    const unit = /^[^\d.]*/.exec(rest)?.[0] ?? "";
    if (unit === "") return { ok: false, error: `time: missing unit in duration ${quote(input)}` };
    const scale = MICROS_PER_UNIT[unit];
    if (scale === undefined)
      return { ok: false, error: `time: unknown unit ${quote(unit)} in duration ${quote(input)}` };
    rest = rest.slice(unit.length);
    micros += Number(`${whole || "0"}.${fraction || "0"}`) * scale;
  }
  return { ok: true, micros: sign * micros };
}
