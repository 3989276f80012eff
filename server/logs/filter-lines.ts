/**
 * Which lines a filter keeps. `search` looks in every line's text (case-insensitively); a
 * code, flag, direction, peer or minimum duration asks about access-log fields, so it keeps access lines
 * only — an application's line has no response code.
 */
import "server-only";
import { hostOfAuthority, type AccessLogEntry } from "@/lib/access-log";
import type { LogFilter, LogLine } from "@/lib/contracts/logs";

/** `-` stands for "no response" (code 0) and "no flag", as in the graph's response table. */
export function matchesCode(entry: AccessLogEntry, code: string): boolean {
  return code === "-" ? entry.code === 0 : entry.code === Number(code);
}

export function matchesFlag(entry: AccessLogEntry, flag: string): boolean {
  return flag === "-" ? entry.flags.length === 0 : entry.flags.includes(flag);
}

/** The hosts and addresses a line talked to, lower-cased; ports dropped from addresses. */
function peersOf(entry: AccessLogEntry): string[] {
  const peers = [
    entry.authority && hostOfAuthority(entry.authority),
    entry.upstreamCluster?.serviceHost,
    entry.upstreamHost && hostOfAuthority(entry.upstreamHost),
    entry.downstreamRemoteAddress && hostOfAuthority(entry.downstreamRemoteAddress),
    entry.serverName,
  ];
  return peers.filter((p): p is string => Boolean(p)).map((p) => p.toLowerCase());
}

export function matchesFilter(line: LogLine, filter: Partial<LogFilter>): boolean {
  if (filter.search && !line.text.toLowerCase().includes(filter.search.toLowerCase())) return false;
  const asksAccess =
    filter.code || filter.flag || filter.direction || filter.peer || filter.minDurationMs !== undefined;
  if (!asksAccess) return true;
  const entry = line.access;
  if (!entry) return false;
  if (filter.code && !matchesCode(entry, filter.code)) return false;
  if (filter.flag && !matchesFlag(entry, filter.flag)) return false;
  if (filter.direction && entry.direction !== filter.direction) return false;
  if (filter.minDurationMs !== undefined && entry.durationMs < filter.minDurationMs) return false;
  if (filter.peer) {
    const wanted = filter.peer.toLowerCase();
    if (!peersOf(entry).some((p) => p.includes(wanted))) return false;
  }
  return true;
}

export function filterLines<L extends LogLine>(lines: readonly L[], filter: Partial<LogFilter>): L[] {
  return lines.filter((line) => matchesFilter(line, filter));
}
