/**
 * The lines of several containers in one time order. Each container's log is already in
 * order, so a stable sort by time keeps equal times in container order; times compare as
 * text (log-lines.ts pads them).
 */
import "server-only";
import type { LogLine } from "@/lib/contracts/logs";

export function mergeByTime<L extends LogLine>(logs: readonly (readonly L[])[]): L[] {
  return logs.flat().sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

/** The last `count` lines: a merged read of several containers keeps as many as one container's tail. */
export function lastLines<L>(lines: readonly L[], count: number): L[] {
  return lines.length > count ? lines.slice(lines.length - count) : [...lines];
}
