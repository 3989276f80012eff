/**
 * The one way experiments show a moment: the viewer's local time, 24-hour, with the zone
 * ("14:03:07 CET", "2026-12-05 14:03:07 CET"), so a timeline, a report and a Markdown
 * export read alike and a time pasted into an incident channel says which clock it is on.
 * The server stores and sends UTC ISO strings; only the browser knows the viewer's zone.
 * `timeZone` is for tests (and a report exported for another zone); absent = the viewer's.
 */

export interface TimeFormatOptions {
  timeZone?: string;
}

function parts(at: Date, timeZone: string | undefined): Record<string, string> {
  // en-US for the zone's short name ("EST", "GMT+1"); the digits are assembled below, so the
  // locale's own ordering never shows.
  const formatter = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  });
  return Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, p.value]));
}

function toDate(at: string | number | Date): Date | undefined {
  const date = at instanceof Date ? at : new Date(at);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "14:03:07 CET": a moment of today's run (timelines). */
export function formatLocalTime(at: string | number | Date, options: TimeFormatOptions = {}): string {
  const date = toDate(at);
  if (!date) return String(at);
  const p = parts(date, options.timeZone);
  return `${p.hour}:${p.minute}:${p.second} ${p.timeZoneName}`;
}

/** "2026-12-05 14:03:07 CET": a moment that may be on another day (lists, report headers). */
export function formatLocalDateTime(at: string | number | Date, options: TimeFormatOptions = {}): string {
  const date = toDate(at);
  if (!date) return String(at);
  const p = parts(date, options.timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName}`;
}

/** An ISO-8601 UTC timestamp as the server writes them (Date#toISOString) inside a message. */
const isoTimestamp = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z\b/g;

/**
 * A server message with its timestamps in the same local format ("Injecting … until
 * 2026-12-05T13:04:07.000Z" → "… until 2026-12-05 14:04:07 CET"): the runner writes UTC
 * because it cannot know who will read the timeline.
 */
export function localizeTimestamps(text: string, options: TimeFormatOptions = {}): string {
  return text.replace(isoTimestamp, (iso) => formatLocalDateTime(iso, options));
}

/** "1 h 05 min", "4 min 10 s", "45 s": how long until something, rounded up to the second. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, "0")} s`;
  return `${s} s`;
}
