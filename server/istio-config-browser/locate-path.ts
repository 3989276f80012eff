/**
 * Maps a check's path into an object (`spec/http[0]/route[0]/destination`, the form the
 * validation engine and Kiali use) to the line and column of the YAML text the object was
 * parsed from, using the `yaml` package's document nodes and their source ranges. A path
 * that goes deeper than the text (a field the rule expected but the user did not write)
 * lands on the deepest part that exists, so the marker is still next to the problem.
 */
import "server-only";
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

export type PathSegment = string | number;

/** `spec/http[0]/route[1]` → ["spec", "http", 0, "route", 1]. Keys may hold dots (label keys), never "/" here. */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const part of path.split("/")) {
    if (part === "") continue;
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    if (match[1]) segments.push(match[1]);
    for (const index of (match[2] ?? "").matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

export interface TextPosition {
  line: number;
  column: number;
}

/** The source offset of the node a path names: the key of a map entry, the start of a list item. */
function offsetOf(document: Document, segments: PathSegment[]): number | undefined {
  let node: unknown = document.contents;
  let offset: number | undefined = (node as Node | null)?.range?.[0];
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

export function locatePath(document: Document, lineCounter: LineCounter, path: string): TextPosition | undefined {
  const offset = offsetOf(document, parsePath(path));
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
