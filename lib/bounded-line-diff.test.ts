import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DiffLine } from "@/lib/contracts/traffic";
import { boundedLineDiff, diffLimits } from "./bounded-line-diff";
import { stringify } from "yaml";

/** A diff as the panel shows it: a +/- mark (or a space) before each line. */
function unified(diff: DiffLine[]): string {
  return diff.map((line) => `${{ same: " ", add: "+", remove: "-" }[line.op]} ${line.text}`).join("\n");
}

/** YAML as the server writes an object for a diff (server/audit/object-yaml.ts). */
const objectYaml = (object: object) => stringify(object, { lineWidth: 0 });

const numbered = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => `line ${from + i}`).join("\n") + "\n";

/** A VirtualService with `routes` header-matched routes: about 21 lines of YAML each. */
function virtualService(routes: number, weight: number) {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "reviews", namespace: "bookinfo" },
    spec: {
      hosts: ["reviews"],
      http: Array.from({ length: routes }, (_, i) => ({
        name: `user-${i}`,
        match: [{ headers: { "x-user": { exact: `user-${i}` } }, uri: { prefix: `/api/v${i}` } }],
        route: [
          { destination: { host: "reviews", subset: "v1" }, weight },
          { destination: { host: "reviews", subset: "v2" }, weight: 100 - weight },
        ],
        timeout: "3s",
        retries: { attempts: 3, perTryTimeout: "1s", retryOn: "5xx,reset" },
      })),
    },
  };
}

describe("the line diff of two YAML versions", () => {
  it("marks changed lines as a removal and an addition, keeping the rest", () => {
    expect(boundedLineDiff("a\nweight: 100\nc\n", "a\nweight: 50\nc\nd\n")).toEqual({
      diff: [
        { op: "same", text: "a" },
        { op: "remove", text: "weight: 100" },
        { op: "add", text: "weight: 50" },
        { op: "same", text: "c" },
        { op: "add", text: "d" },
      ],
      diffOmitted: null,
    });
  });

  it("shows a create as all additions and a delete as all removals, with or without a final newline", () => {
    expect(boundedLineDiff("", "x\ny").diff).toEqual([
      { op: "add", text: "x" },
      { op: "add", text: "y" },
    ]);
    expect(boundedLineDiff("x", "").diff).toEqual([{ op: "remove", text: "x" }]);
    expect(boundedLineDiff("x\n", "x").diff).toEqual([{ op: "same", text: "x" }]);
    expect(boundedLineDiff("", "").diff).toEqual([]);
  });

  it("shows a wizard's routing change line by line, as the panel always has", () => {
    const before = objectYaml({
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "reviews", namespace: "bookinfo" },
      spec: {
        hosts: ["reviews"],
        http: [
          {
            route: [
              { destination: { host: "reviews", subset: "v1" }, weight: 90 },
              { destination: { host: "reviews", subset: "v2" }, weight: 10 },
            ],
          },
        ],
      },
    });
    const after = objectYaml({
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "reviews", namespace: "bookinfo" },
      spec: {
        hosts: ["reviews"],
        http: [
          {
            match: [{ headers: { "end-user": { exact: "jason" } } }],
            route: [{ destination: { host: "reviews", subset: "v2" } }],
          },
          {
            route: [
              { destination: { host: "reviews", subset: "v1" }, weight: 50 },
              { destination: { host: "reviews", subset: "v3" }, weight: 50 },
            ],
          },
        ],
      },
    });
    // What the LCS diff this replaces answered, line for line.
    expect(unified(boundedLineDiff(before, after).diff)).toBe(
      [
        "  apiVersion: networking.istio.io/v1",
        "  kind: VirtualService",
        "  metadata:",
        "    name: reviews",
        "    namespace: bookinfo",
        "  spec:",
        "    hosts:",
        "      - reviews",
        "    http:",
        "+     - match:",
        "+         - headers:",
        "+             end-user:",
        "+               exact: jason",
        "+       route:",
        "+         - destination:",
        "+             host: reviews",
        "+             subset: v2",
        "      - route:",
        "          - destination:",
        "              host: reviews",
        "              subset: v1",
        "-           weight: 90",
        "+           weight: 50",
        "          - destination:",
        "              host: reviews",
        "-             subset: v2",
        "-           weight: 10",
        "+             subset: v3",
        "+           weight: 50",
      ].join("\n"),
    );
  });

  it("keeps as many lines as any line diff could, rebuilds both versions, and lists removals before additions", () => {
    const line = fc.constantFrom("a", "b", "- x", "  weight: 50", "  weight: 90", "", " ");
    fc.assert(
      fc.property(fc.array(line, { maxLength: 14 }), fc.array(line, { maxLength: 14 }), (before, after) => {
        const text = (lines: string[]) => lines.map((l) => `${l}\n`).join("");
        const { diff, diffOmitted } = boundedLineDiff(text(before), text(after));
        expect(diffOmitted).toBeNull();
        expect(diff.filter((l) => l.op !== "add").map((l) => l.text)).toEqual(before);
        expect(diff.filter((l) => l.op !== "remove").map((l) => l.text)).toEqual(after);
        expect(diff.filter((l) => l.op === "same")).toHaveLength(longestCommonSubsequence(before, after));
        expect(diff.some((l, i) => l.op === "add" && diff[i + 1]?.op === "remove")).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("diffs an object at the size limit, and a small change of a large object", () => {
    const atLimit = numbered(diffLimits.lines);
    const { diff, diffOmitted } = boundedLineDiff(atLimit, atLimit.replace("line 2500\n", "line 2500 changed\n"));
    expect(diffOmitted).toBeNull();
    expect(diff.filter((l) => l.op !== "same")).toEqual([
      { op: "remove", text: "line 2500" },
      { op: "add", text: "line 2500 changed" },
    ]);
    // A create has nothing to align: all additions, however many lines.
    expect(boundedLineDiff("", atLimit).diff).toHaveLength(diffLimits.lines);
  });

  it("says a 20,000-line object is too large to diff, with both sizes, instead of computing the diff", () => {
    const before = objectYaml(virtualService(1000, 90));
    const after = objectYaml(virtualService(1000, 50));
    const result = boundedLineDiff(before, after);
    expect(result.diff).toEqual([]);
    expect(result.diffOmitted).toEqual({
      reason: "too_large",
      message:
        "The diff was not computed because the object is too large: it has 21,009 lines before the change and 21,009 after; diffs are computed for objects of up to 5,000 lines and 256 KiB.",
      before: { lines: 21_009, bytes: Buffer.byteLength(before) },
      after: { lines: 21_009, bytes: Buffer.byteLength(after) },
    });
    // One side is enough, and a create or a delete of such an object is not listed either.
    expect(boundedLineDiff(numbered(10), numbered(diffLimits.lines + 1)).diffOmitted?.reason).toBe("too_large");
    expect(boundedLineDiff("", after).diffOmitted?.reason).toBe("too_large");
  });

  it("says an object with a few very long lines is too large by its bytes", () => {
    const script = `kind: EnvoyFilter\ncode: ${"x".repeat(diffLimits.bytes)}\n`;
    expect(boundedLineDiff("kind: EnvoyFilter\n", script).diffOmitted).toMatchObject({
      reason: "too_large",
      after: { lines: 2 },
    });
  });

  it("gives up on two versions that differ in more lines than a person reviews line by line", () => {
    const half = diffLimits.editLength / 2;
    // Every line replaced: each is one removal and one addition.
    const result = boundedLineDiff(numbered(half + 1), numbered(half + 1, 100_000));
    expect(result.diff).toEqual([]);
    expect(result.diffOmitted).toMatchObject({
      reason: "too_many_changes",
      message: "The diff was not computed because more than 1,000 lines differ between the two versions.",
    });
    // Just within the limit it is computed.
    expect(boundedLineDiff(numbered(half), numbered(half, 100_000)).diff).toHaveLength(diffLimits.editLength);
  });
});

/** The reference: the length of the longest common subsequence of two line lists. */
function longestCommonSubsequence(a: string[], b: string[]): number {
  let row: number[] = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const next: number[] = [0];
    b.forEach((y, j) => next.push(x === y ? (row[j] ?? 0) + 1 : Math.max(row[j + 1] ?? 0, next[j] ?? 0)));
    row = next;
  }
  return row[b.length] ?? 0;
}
