/**
 * A line diff (lib/bounded-line-diff.ts) as a reader wants it first: the changed lines with a few unchanged lines of
 * context around each change, and the long unchanged stretches between them collapsed to a count, as `git diff` and
 * code review tools show a change. Pure, so the audit page and any other diff view group the same way.
 *
 * Rules: every unchanged line within `context` lines of a change is shown; a stretch of unchanged lines further from
 * any change is one collapsed block (with its lines, so a view can expand it) — unless it is a single line, which is
 * shown as it takes no more room than saying it is hidden. Each shown group of lines (a hunk) carries the number of its
 * first line in each version, for the `@@ -12,7 +12,8 @@` header.
 */
import type { DiffLine } from "@/lib/contracts/traffic";

export interface DiffHunk {
  kind: "hunk";
  /** 1-based number of the hunk's first line in the version before and in the version after. */
  beforeStart: number;
  afterStart: number;
  lines: DiffLine[];
}

export interface CollapsedLines {
  kind: "collapsed";
  lines: DiffLine[];
}

export type DiffBlock = DiffHunk | CollapsedLines;

export const defaultDiffContext = 3;

export function diffHunks(diff: readonly DiffLine[], context: number = defaultDiffContext): DiffBlock[] {
  const changed = diff.flatMap((line, i) => (line.op === "same" ? [] : [i]));
  // Which lines are shown: the changes and `context` lines either side of each.
  const shown = diff.map(() => false);
  for (const at of changed) {
    for (let i = Math.max(0, at - context); i <= Math.min(diff.length - 1, at + context); i++) shown[i] = true;
  }
  // A lone hidden line between shown ones (or at an end) is shown instead; with no change, everything stays collapsed.
  for (let i = 0; changed.length > 0 && i < diff.length; i++) {
    if (!shown[i] && shown[i - 1] !== false && shown[i + 1] !== false) shown[i] = true;
  }
  const blocks: DiffBlock[] = [];
  let before = 1;
  let after = 1;
  diff.forEach((line, i) => {
    const last = blocks.at(-1);
    if (shown[i]) {
      if (last?.kind === "hunk") last.lines.push(line);
      else blocks.push({ kind: "hunk", beforeStart: before, afterStart: after, lines: [line] });
    } else if (last?.kind === "collapsed") last.lines.push(line);
    else blocks.push({ kind: "collapsed", lines: [line] });
    if (line.op !== "add") before += 1;
    if (line.op !== "remove") after += 1;
  });
  return blocks;
}

/** The `@@ -a,b +c,d @@` header of a hunk: where it starts and how many lines it spans in each version. */
export function hunkHeader(hunk: DiffHunk): string {
  const beforeCount = hunk.lines.filter((l) => l.op !== "add").length;
  const afterCount = hunk.lines.filter((l) => l.op !== "remove").length;
  return `@@ -${hunk.beforeStart},${beforeCount} +${hunk.afterStart},${afterCount} @@`;
}
