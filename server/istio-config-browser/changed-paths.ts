/**
 * The fields a change touches, for the review step ("spec/http[0]/route[0]/destination/subset
 * changed"): the shallowest paths where before and after differ, descending into mappings
 * and into lists whose length did not change.
 */
import "server-only";
import { isDeepStrictEqual } from "node:util";
import { childPath } from "./three-way-merge";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function changedPaths(before: unknown, after: unknown, path = ""): string[] {
  if (isDeepStrictEqual(before, after)) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => changedPaths(before[key], after[key], childPath(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => changedPaths(item, after[i], childPath(path, i)));
  }
  return [path === "" ? "(whole object)" : path];
}
