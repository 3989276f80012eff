/** Istio proxy access-log lines as typed fields; see access-log-entry.ts for the shape. */
import type { AccessLogEntry } from "./access-log-entry";
import { parseJsonLine } from "./parse-json-line";
import { parseTextLine } from "./parse-text-line";

export * from "./access-log-entry";
export { parseUpstreamCluster } from "./upstream-cluster";

/** The line's access-log fields, or undefined for a line that is not an access-log line (an application's log). */
export function parseAccessLine(line: string): AccessLogEntry | undefined {
  const trimmed = line.trim();
  if (trimmed.startsWith("{")) return parseJsonLine(trimmed);
  return parseTextLine(trimmed);
}

/** The host of an authority (`reviews:9080` → `reviews`, `[::1]:80` → `::1`). */
export function hostOfAuthority(authority: string): string {
  if (authority.startsWith("["))
    return authority.slice(1, authority.indexOf("]") > 0 ? authority.indexOf("]") : undefined);
  const colon = authority.lastIndexOf(":");
  return colon > 0 && /^\d+$/.test(authority.slice(colon + 1)) ? authority.slice(0, colon) : authority;
}
