/**
 * Re-applies a user's edit on top of someone else's newer version (a "rebase" after a 409):
 * a three-way merge of plain JSON values, where `base` is what the user loaded, `mine` what
 * the user has now and `theirs` what is live now.
 *
 * At every field: unchanged on one side → take the other side's value; the same change on
 * both → take it; both changed and both are mappings → merge field by field; both changed
 * and both are lists of the same length in all three versions → merge item by item (edits
 * in place, such as a timeout on `http[0]`, are the common case; a list that grew or shrank
 * on a side is taken whole). Anything else is a conflict: both values are reported and the
 * caller's choice (`mine` or `theirs`) decides; without a choice the merged value keeps
 * theirs and the conflict stays open. Neither side's change is ever dropped silently.
 */
import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { MergeSide } from "@/lib/contracts/istio-objects";

/** A value at a path, or ABSENT when that version does not have the field. */
export const ABSENT = Symbol("absent");
type Value = unknown;

export interface RawConflict {
  path: string;
  base: Value;
  mine: Value;
  theirs: Value;
}

export interface MergeResult {
  merged: Value;
  conflicts: RawConflict[];
}

function isRecord(value: Value): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Paths readable by people and stable as keys: `spec/http[0]/timeout`, `metadata/labels["app.kubernetes.io/name"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  const part = /^[A-Za-z0-9_-]+$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (parent === "") return part;
  return part.startsWith("[") ? `${parent}${part}` : `${parent}/${part}`;
}

function mergeAt(
  path: string,
  base: Value,
  mine: Value,
  theirs: Value,
  choices: Readonly<Record<string, MergeSide>>,
  conflicts: RawConflict[],
): Value {
  if (isDeepStrictEqual(mine, theirs)) return mine;
  if (isDeepStrictEqual(base, mine)) return theirs;
  if (isDeepStrictEqual(base, theirs)) return mine;

  if (isRecord(mine) && isRecord(theirs)) {
    const baseRecord = isRecord(base) ? base : {};
    const keys = [...new Set([...Object.keys(theirs), ...Object.keys(mine)])];
    const merged: Record<string, unknown> = {};
    for (const key of keys) {
      const value = mergeAt(
        childPath(path, key),
        key in baseRecord ? baseRecord[key] : ABSENT,
        key in mine ? mine[key] : ABSENT,
        key in theirs ? theirs[key] : ABSENT,
        choices,
        conflicts,
      );
      if (value !== ABSENT) merged[key] = value;
    }
    return merged;
  }
  if (
    Array.isArray(base) &&
    Array.isArray(mine) &&
    Array.isArray(theirs) &&
    base.length === mine.length &&
    mine.length === theirs.length
  ) {
    return mine.map((item, i) => mergeAt(childPath(path, i), base[i], item, theirs[i], choices, conflicts));
  }

  conflicts.push({ path, base, mine, theirs });
  return choices[path] === "mine" ? mine : theirs;
}

export function mergeThreeWay(
  base: Value,
  mine: Value,
  theirs: Value,
  choices: Readonly<Record<string, MergeSide>> = {},
): MergeResult {
  const conflicts: RawConflict[] = [];
  const merged = mergeAt("", base, mine, theirs, choices, conflicts);
  return { merged, conflicts };
}
