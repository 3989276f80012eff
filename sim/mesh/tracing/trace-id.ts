/**
 * Trace ids as Jaeger reads them (`model.TraceIDFromString`): up to 32 hex digits, either case,
 * leading zeros optional, so `00ab…` and `AB…` name the same trace. Errors carry Go's texts.
 */

export type ParsedTraceId = { ok: true; key: string } | { ok: false; error: string };

/** The store's key for an id already known to be valid: 32 lower-case hex digits. */
export function traceKey(id: string): string {
  return id.toLowerCase().padStart(32, "0");
}

export function parseTraceId(raw: string): ParsedTraceId {
  if (raw.length > 32) return { ok: false, error: `TraceID cannot be longer than 32 hex characters: ${raw}` };
  // Go parses the high and low 64 bits separately and reports the half that failed.
  const halves = raw.length > 16 ? [raw.slice(0, raw.length - 16), raw.slice(raw.length - 16)] : [raw];
  for (const half of halves) {
    if (!/^[0-9a-fA-F]+$/.test(half))
      return { ok: false, error: `strconv.ParseUint: parsing "${half}": invalid syntax` };
  }
  return { ok: true, key: traceKey(raw) };
}
