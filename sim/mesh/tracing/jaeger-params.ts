/**
 * The parameters of Jaeger's trace search (`GET /api/traces`), checked in the order Jaeger's
 * query parser checks them and failing with its texts: start, end, tags, limit, minDuration,
 * maxDuration, traceID, then "service is required" and "max below min".
 */
import { z } from "zod";
import { parseGoDuration } from "./go-duration";
import { parseTraceId } from "./trace-id";

/** Jaeger's `--query.max-trace-lookback` default as the API applies it when `start` is absent: 2 days. */
const DEFAULT_LOOKBACK_US = 2 * 24 * 3600 * 1_000_000;
/** Jaeger's default when `limit` is absent (the Jaeger UI and Kiali always send one: 20 and their own). */
export const DEFAULT_SEARCH_LIMIT = 100;

export interface TraceSearch {
  /** Empty only when `traceIds` are given. */
  service: string;
  operation: string;
  /** µs since the epoch, both ends inclusive. */
  startMinUs: number;
  startMaxUs: number;
  tags: ReadonlyMap<string, string>;
  limit: number;
  /** µs; 0 = no bound, as in Jaeger. */
  minDurationUs: number;
  maxDurationUs: number;
  /** Store keys (trace-id.ts); a search by id ignores the other criteria, as Jaeger does. */
  traceIds: string[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** Go's strconv.ParseInt (base 10). */
function parseGoInt(raw: string): Parsed<number> {
  if (!/^[+-]?\d+$/.test(raw)) return fail(`strconv.ParseInt: parsing "${raw}": invalid syntax`);
  return { ok: true, value: Number(raw) };
}

function parseTime(query: URLSearchParams, name: "start" | "end", fallback: number): Parsed<number> {
  const raw = query.get(name) ?? "";
  if (raw === "") return { ok: true, value: fallback };
  const parsed = parseGoInt(raw);
  return parsed.ok ? parsed : fail(`unable to parse param '${name}': ${parsed.error}`);
}

function parseDurationParam(query: URLSearchParams, name: "minDuration" | "maxDuration"): Parsed<number> {
  const raw = query.get(name) ?? "";
  if (raw === "") return { ok: true, value: 0 };
  const parsed = parseGoDuration(raw);
  return parsed.ok ? { ok: true, value: parsed.micros } : fail(`unable to parse param '${name}': ${parsed.error}`);
}

/** JSON type names as Go's encoding/json prints them in "cannot unmarshal X into …". */
function goJsonType(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (typeof value === "boolean") return "bool";
  return typeof value;
}

/** `tags={"error":"true"}`: a JSON object of strings (Go unmarshals into map[string]string; null reads as ""). */
const jsonTags = z.record(z.string(), z.union([z.string(), z.null()]));

function parseTags(query: URLSearchParams): Parsed<Map<string, string>> {
  const tags = new Map<string, string>();
  for (const tag of query.getAll("tag")) {
    const [key = "", ...value] = tag.split(":");
    if (value.length === 0) return fail(`malformed 'tag' parameter, expecting key:value, received: ${tag}`);
    tags.set(key, value.join(":"));
  }
  for (const raw of query.getAll("tags")) {
    const prefix = "malformed 'tags' parameter, cannot unmarshal JSON: ";
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      return fail(prefix + (error instanceof Error ? error.message : "invalid JSON"));
    }
    if (json === null) continue;
    const parsed = jsonTags.safeParse(json);
    if (!parsed.success) {
      const wrongValue =
        typeof json === "object" && !Array.isArray(json)
          ? Object.values(json as Record<string, unknown>).find((v) => v !== null && typeof v !== "string")
          : undefined;
      return fail(
        prefix +
          (wrongValue !== undefined
            ? `json: cannot unmarshal ${goJsonType(wrongValue)} into Go value of type string`
            : `json: cannot unmarshal ${goJsonType(json)} into Go value of type map[string]string`),
      );
    }
    for (const [key, value] of Object.entries(parsed.data)) tags.set(key, value ?? "");
  }
  return { ok: true, value: tags };
}

export function parseTraceSearch(query: URLSearchParams, nowUs: number): Parsed<TraceSearch> {
  const startMinUs = parseTime(query, "start", nowUs - DEFAULT_LOOKBACK_US);
  if (!startMinUs.ok) return startMinUs;
  const startMaxUs = parseTime(query, "end", nowUs);
  if (!startMaxUs.ok) return startMaxUs;
  const tags = parseTags(query);
  if (!tags.ok) return tags;
  const rawLimit = query.get("limit") ?? "";
  const limit = rawLimit === "" ? { ok: true as const, value: DEFAULT_SEARCH_LIMIT } : parseGoInt(rawLimit);
  if (!limit.ok) return limit;
  const minDurationUs = parseDurationParam(query, "minDuration");
  if (!minDurationUs.ok) return minDurationUs;
  const maxDurationUs = parseDurationParam(query, "maxDuration");
  if (!maxDurationUs.ok) return maxDurationUs;
  const traceIds: string[] = [];
  for (const raw of query.getAll("traceID")) {
    const id = parseTraceId(raw);
    if (!id.ok) return fail(`cannot parse traceID param: ${id.error}`);
    traceIds.push(id.key);
  }
  const service = query.get("service") ?? "";
  if (traceIds.length === 0 && service === "") return fail("parameter 'service' is required");
  if (minDurationUs.value !== 0 && maxDurationUs.value !== 0 && maxDurationUs.value < minDurationUs.value)
    return fail("'maxDuration' should be greater than 'minDuration'");
  return {
    ok: true,
    value: {
      service,
      operation: query.get("operation") ?? "",
      startMinUs: startMinUs.value,
      startMaxUs: startMaxUs.value,
      tags: tags.value,
      limit: limit.value,
      minDurationUs: minDurationUs.value,
      maxDurationUs: maxDurationUs.value,
      traceIds,
    },
  };
}

/** `start`/`end` of `GET /api/traces/{id}`: optional, µs; Jaeger only checks that they parse. */
export function checkTraceTimes(query: URLSearchParams): Parsed<null> {
  for (const name of ["start", "end"] as const) {
    const parsed = parseTime(query, name, 0);
    if (!parsed.ok) return parsed;
  }
  return { ok: true, value: null };
}
