/**
 * The line diff of two YAML versions of an object, for every diff Topsail shows: the server
 * computes it for the audit page and the wizards' review, the browser for the editor's review
 * and conflict screens (components/ui/yaml-diff.tsx), so all of them show the same lines.
 * jsdiff's `diffLines` (Myers' algorithm) keeps as many lines as any line diff can, like the
 * LCS table it replaced, but its work grows with the number of changed lines D — about
 * (n + m) · D steps — where the table took n · m cells (1.6 GB for two 20,000-line versions).
 *
 * The work per diff is bounded, and deterministically: jsdiff's `timeout` would make the same
 * two versions diff or not depending on the machine's load, so the bounds are sizes.
 * - Each version at most 5,000 lines and 256 KiB, else the answer says "too large" and no
 *   diff is computed. Istio objects are tens to hundreds of lines (Bookinfo's are under 50);
 *   5,000 lines is a VirtualService of some 240 header-matched routes, already more than a
 *   person reads line by line in the panel, which renders a row per line. The byte bound
 *   catches a few very long lines (an EnvoyFilter's Lua script): comparing them costs as much
 *   as comparing many short ones.
 * - At most 1,000 changed lines (`maxEditLength`; an edited line is a removal and an
 *   addition), else "too many changes". Within both bounds the worst case is measured by
 *   bench/audit-api.bench.ts.
 * A create or a delete has nothing to align: it is listed as it is, up to the size bound.
 */
import { diffLines } from "diff";
import type { DiffLine, DiffOmitted } from "@/lib/contracts/traffic";

export const diffLimits = { lines: 5_000, bytes: 256 * 1024, editLength: 1_000 } as const;

export interface BoundedLineDiff {
  /** Empty when the diff was not computed. */
  diff: DiffLine[];
  /** Why the diff was not computed; null when it was. */
  diffOmitted: DiffOmitted | null;
}

type TextSize = DiffOmitted["before"];

export function boundedLineDiff(before: string, after: string): BoundedLineDiff {
  const sizes = { before: sizeOf(before), after: sizeOf(after) };
  if (tooLarge(sizes.before) || tooLarge(sizes.after)) {
    const message = `The diff was not computed because the object is too large: it has ${count(sizes.before.lines)} lines before the change and ${count(sizes.after.lines)} after; diffs are computed for objects of up to ${count(diffLimits.lines)} lines and ${diffLimits.bytes / 1024} KiB.`;
    return { diff: [], diffOmitted: { reason: "too_large", message, ...sizes } };
  }
  if (before === "" || after === "")
    return { diff: [...linesOf(before, "remove"), ...linesOf(after, "add")], diffOmitted: null };
  // A missing final newline makes jsdiff's last line differ from the same line followed by
  // one; YAML versions that differ only there are the same lines.
  const changes = diffLines(withFinalNewline(before), withFinalNewline(after), {
    maxEditLength: diffLimits.editLength,
  });
  if (changes === undefined) {
    const message = `The diff was not computed because more than ${count(diffLimits.editLength)} lines differ between the two versions.`;
    return { diff: [], diffOmitted: { reason: "too_many_changes", message, ...sizes } };
  }
  return {
    diff: changes.flatMap((change) => linesOf(change.value, change.added ? "add" : change.removed ? "remove" : "same")),
    diffOmitted: null,
  };
}

function sizeOf(text: string): TextSize {
  let newlines = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) newlines++;
  const lines = text === "" ? 0 : newlines + (text.endsWith("\n") ? 0 : 1);
  return { lines, bytes: utf8.encode(text).byteLength };
}

// TextEncoder rather than Buffer: this module also runs in the browser.
const utf8 = new TextEncoder();

const tooLarge = (size: TextSize) => size.lines > diffLimits.lines || size.bytes > diffLimits.bytes;

const count = (n: number) => n.toLocaleString("en-US");

const withFinalNewline = (text: string) => (text.endsWith("\n") ? text : `${text}\n`);

/** The lines of `text` (split at "\n", the final newline ending the last line), each marked `op`. */
function linesOf(text: string, op: DiffLine["op"]): DiffLine[] {
  if (text === "") return [];
  return text
    .replace(/\n$/, "")
    .split("\n")
    .map((line) => ({ op, text: line }));
}
