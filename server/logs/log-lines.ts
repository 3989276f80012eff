/**
 * Lines of `pods/log?timestamps=true` as LogLines: the kubelet prefixes each line with its
 * RFC3339Nano time and a space. RFC3339Nano drops trailing zeros of the fraction
 * (`…:42.1182Z`), so the time is padded to nine digits here: then the times of every
 * container compare as plain text, which is how lines are merged (merge-lines.ts).
 */
import "server-only";
import { parseAccessLine } from "@/lib/access-log";
import type { LogLine } from "@/lib/contracts/logs";

const kubeletTime = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/;

/** The time with nine fraction digits, or as given when it is not the kubelet's UTC form. */
export function normaliseTime(time: string): string {
  const match = kubeletTime.exec(time);
  if (!match) return time;
  return `${match[1]}.${(match[2] ?? "").padEnd(9, "0")}Z`;
}

/** One line of the log (without its newline) as a LogLine; a line without a time keeps an empty one. */
export function toLogLine(raw: string, pod: string, container: string): LogLine {
  const space = raw.indexOf(" ");
  const head = space < 0 ? raw : raw.slice(0, space);
  const timed = kubeletTime.test(head);
  const text = timed ? (space < 0 ? "" : raw.slice(space + 1)) : raw;
  const access = parseAccessLine(text);
  return { pod, container, time: timed ? normaliseTime(head) : "", text, ...(access ? { access } : {}) };
}

/** Every complete line of a log read at once. */
export function splitLog(text: string, pod: string, container: string): LogLine[] {
  return text
    .split("\n")
    .map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l))
    .filter((l) => l.length > 0)
    .map((l) => toLogLine(l, pod, container));
}

/**
 * Cuts a stream of text into lines: a chunk of the follow stream may end in the middle of
 * one, which is held until its newline arrives.
 */
export function lineSplitter(): { push(chunk: string): string[]; flush(): string[] } {
  let pending = "";
  return {
    push(chunk) {
      const parts = (pending + chunk).split("\n");
      pending = parts.pop() ?? "";
      return parts.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l)).filter((l) => l.length > 0);
    },
    flush() {
      const rest = pending;
      pending = "";
      return rest ? [rest] : [];
    },
  };
}
