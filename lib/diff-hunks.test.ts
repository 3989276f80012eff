import { describe, expect, it } from "vitest";
import type { DiffLine } from "@/lib/contracts/traffic";
import { diffHunks, hunkHeader, type DiffBlock } from "./diff-hunks";

const same = (n: number, from = 1): DiffLine[] =>
  Array.from({ length: n }, (_, i) => ({ op: "same", text: `line ${from + i}` }));
const add = (text: string): DiffLine => ({ op: "add", text });
const remove = (text: string): DiffLine => ({ op: "remove", text });

/** A block as a reader sees it: a hunk's header and lines, or how many lines are collapsed. */
const view = (blocks: DiffBlock[]) =>
  blocks.map((b) =>
    b.kind === "hunk" ? [hunkHeader(b), ...b.lines.map((l) => `${l.op[0]} ${l.text}`)] : `${b.lines.length} unchanged`,
  );

describe("diffHunks", () => {
  it("shows a change in a long object with three lines of context and collapses the rest", () => {
    const diff = [...same(20), remove("weight: 90"), add("weight: 50"), ...same(20, 22)];
    expect(view(diffHunks(diff))).toEqual([
      "17 unchanged",
      [
        "@@ -18,7 +18,7 @@",
        "s line 18",
        "s line 19",
        "s line 20",
        "r weight: 90",
        "a weight: 50",
        "s line 22",
        "s line 23",
        "s line 24",
      ],
      "17 unchanged",
    ]);
  });

  it("keeps the collapsed lines, so a view can expand them to the whole object", () => {
    const diff = [...same(10), add("x"), ...same(10, 11)];
    const blocks = diffHunks(diff);
    expect(blocks.flatMap((b) => b.lines)).toEqual(diff);
  });

  it("makes two hunks of two changes far apart, numbered in each version", () => {
    const diff = [...same(5), add("new"), ...same(20, 6), remove("old"), ...same(5, 27)];
    const hunks = diffHunks(diff).filter((b) => b.kind === "hunk");
    expect(hunks.map(hunkHeader)).toEqual(["@@ -3,6 +3,7 @@", "@@ -23,7 +24,6 @@"]);
  });

  it("joins two changes whose contexts meet into one hunk", () => {
    const diff = [add("a"), ...same(6), add("b")];
    expect(diffHunks(diff)).toEqual([{ kind: "hunk", beforeStart: 1, afterStart: 1, lines: diff }]);
  });

  it("shows a single unchanged line instead of saying it is hidden", () => {
    const diff = [add("a"), ...same(7), add("b")];
    expect(view(diffHunks(diff))).toHaveLength(1);
    const atEnd = [add("a"), ...same(4)];
    expect(view(diffHunks(atEnd))).toEqual([
      ["@@ -1,4 +1,5 @@", "a a", "s line 1", "s line 2", "s line 3", "s line 4"],
    ]);
  });

  it("lists a created object as one hunk of added lines", () => {
    const diff = [add("kind: VirtualService"), add("spec: {}")];
    expect(view(diffHunks(diff))).toEqual([["@@ -1,0 +1,2 @@", "a kind: VirtualService", "a spec: {}"]]);
  });

  it("collapses everything when nothing changed, and answers nothing for an empty diff", () => {
    expect(view(diffHunks(same(12)))).toEqual(["12 unchanged"]);
    expect(view(diffHunks(same(1)))).toEqual(["1 unchanged"]);
    expect(diffHunks([])).toEqual([]);
  });

  it("takes a different amount of context", () => {
    const diff = [...same(5), add("x"), ...same(5, 6)];
    expect(view(diffHunks(diff, 1))).toEqual([
      "4 unchanged",
      ["@@ -5,2 +5,3 @@", "s line 5", "a x", "s line 6"],
      "4 unchanged",
    ]);
  });
});
