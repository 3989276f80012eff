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

/** Where a path is: its start, and where the node it names ends (null when only a parent of it is written). */
export interface TextRange extends TextPosition {
  endLine: number | null;
  endColumn: number | null;
}

/** Source offsets of what a path names; `span` only when every segment was found. */
interface Located {
  offset: number | undefined;
  span?: [number, number];
}

const isCollectionNode = (node: unknown) => isMap(node) || isSeq(node);

/**
 * What a marker should cover: a field with a scalar value from its key to the end of the
 * value (`weight: "lots"`), a field whose value is a block just its key (`timeoutt:`), a
 * scalar list item itself, a block list item its first line (`end` = end of that line).
 */
function spanOf(start: Node, value: unknown, lineEnd: (offset: number) => number): [number, number] | undefined {
  const [from, end] = start.range ?? [];
  if (from === undefined || end === undefined) return undefined;
  // A list item: `start` is the item itself.
  if (value === start) return isCollectionNode(start) ? [from, Math.min(end, lineEnd(from))] : [from, end];
  // A map field: `start` is its key.
  if (value === null || value === undefined || isCollectionNode(value)) return [from, end];
  return [from, (value as Node).range?.[1] ?? end];
}

function locate(document: Document, segments: PathSegment[], lineEnd: (offset: number) => number): Located {
  let node: unknown = document.contents;
  let offset: number | undefined = (node as Node | null)?.range?.[0];
  let start: Node | undefined;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) return { offset };
      start = pair.key as Node;
      offset = start.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) return { offset };
      start = item;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else return { offset };
  }
  return { offset, span: start ? spanOf(start, node, lineEnd) : undefined };
}

export function locatePath(document: Document, lineCounter: LineCounter, path: string): TextPosition | undefined {
  const range = locateRange(document, lineCounter, path);
  return range && { line: range.line, column: range.column };
}

export function locateRange(document: Document, lineCounter: LineCounter, path: string): TextRange | undefined {
  // The offset just before the next line starts, i.e. the end of the line `offset` is on.
  const lineEnd = (offset: number) => {
    const next = lineCounter.lineStarts[lineCounter.linePos(offset).line];
    return next === undefined ? Number.MAX_SAFE_INTEGER : next - 1;
  };
  const { offset, span } = locate(document, parsePath(path), lineEnd);
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  if (!span) return { line, column: col, endLine: null, endColumn: null };
  const end = lineCounter.linePos(span[1]);
  return { line, column: col, endLine: end.line, endColumn: end.col };
}
