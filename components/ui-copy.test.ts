import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Issue 21: no UI copy names another console ("with Kiali's default thresholds" read as an
 * excuse). Comments may cite Kiali as the reference they follow; what a user reads may not.
 */
const competitors = /\b(Kiali|Flagger|Argo Rollouts|Chaos Mesh)\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The file without its comments, so only code and copy remain. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

describe("UI copy", () => {
  it.each(["components", "app"])("in %s/ names no other console", (root) => {
    const offenders = sourceFiles(root).flatMap((file) =>
      withoutComments(readFileSync(file, "utf8"))
        .split("\n")
        // Import paths and API routes shaped after Kiali's are code, not copy.
        .filter((line) => competitors.test(line) && !/^\s*import\b/.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
