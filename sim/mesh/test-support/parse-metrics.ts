/** Test support: reads Prometheus text exposition back into samples, and sums them by label filters. */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseMetrics(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = LINE.exec(line);
    if (!m) throw new Error(`bad exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(LABEL))
      labels[l[1] as string] = (l[2] as string).replace(/\\"/g, '"').replace(/\\\\/g, "\\");
    out.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return out;
}

export type LabelFilter = Record<string, string | RegExp>;

function holds(labels: Record<string, string>, filter: LabelFilter): boolean {
  for (const [key, want] of Object.entries(filter)) {
    const have = labels[key];
    if (have === undefined) return false;
    if (typeof want === "string" ? have !== want : !want.test(have)) return false;
  }
  return true;
}

export function sumOf(samples: Sample[], name: string, filter: LabelFilter = {}): number {
  let total = 0;
  for (const s of samples) if (s.name === name && holds(s.labels, filter)) total += s.value;
  return total;
}

export function sumBy(
  samples: Sample[],
  name: string,
  label: string,
  filter: LabelFilter = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples)
    if (s.name === name && holds(s.labels, filter))
      out[s.labels[label] ?? ""] = (out[s.labels[label] ?? ""] ?? 0) + s.value;
  return out;
}
