import { describe, expect, it } from "vitest";
import { lineDiff } from "./line-diff";

describe("lineDiff", () => {
  it("marks changed lines as a removal and an addition, keeping the rest", () => {
    expect(lineDiff("a\nweight: 100\nc\n", "a\nweight: 50\nc\nd\n")).toEqual([
      { op: "same", text: "a" },
      { op: "remove", text: "weight: 100" },
      { op: "add", text: "weight: 50" },
      { op: "same", text: "c" },
      { op: "add", text: "d" },
    ]);
  });

  it("shows a create as all additions and a delete as all removals", () => {
    expect(lineDiff("", "x\ny")).toEqual([{ op: "add", text: "x" }, { op: "add", text: "y" }]);
    expect(lineDiff("x", "")).toEqual([{ op: "remove", text: "x" }]);
  });
});
