/**
 * The synthetic mesh (`--scale N`) declares each service's callees on its Deployment:
 * annotation `sim.topsail.dev/calls`, a comma- or space-separated list of names as an
 * application would dial them (`svc-12`, `svc-12.scale-3`, `svc-12.scale-3:8080`), or a
 * JSON array of the same strings.
 */
import type { CallSpec } from "./types";

export const CALLS_ANNOTATION = "sim.topsail.dev/calls";

function parseEntry(entry: string): CallSpec | undefined {
  const text = entry.trim();
  if (!text) return undefined;
  const colon = text.lastIndexOf(":");
  const port = colon > 0 ? Number(text.slice(colon + 1)) : undefined;
  const service = colon > 0 && Number.isInteger(port) ? text.slice(0, colon) : text;
  return {
    service,
    ...(port !== undefined && Number.isInteger(port) ? { port } : {}),
    path: "/",
    timeoutMs: 3000,
    tries: 1,
  };
}

export function parseCallsAnnotation(value: string | undefined): CallSpec[] {
  if (!value) return [];
  let entries: string[];
  const trimmed = value.trim();
  if (trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      entries = Array.isArray(parsed)
        ? parsed.map((e) =>
            typeof e === "string"
              ? e
              : typeof e === "object" && e && "service" in e
                ? String((e as { service: unknown }).service)
                : "",
          )
        : [];
    } catch {
      entries = [];
    }
  } else entries = trimmed.split(/[\s,]+/);
  return entries.map(parseEntry).filter((c): c is CallSpec => c !== undefined);
}
