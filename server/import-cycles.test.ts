/**
 * No import cycle between the areas of server/ (its first-level folders, `adapters` included):
 * an area that imports another must not be imported back, directly or through others, or the
 * two stop being separable modules. Every import counts — type-only, re-exports and dynamic
 * `import()` too, since each is a design dependency; so do unit tests and test-support files.
 * Integration tests (`*.integration.test.ts`) do not: they stand the real parts up side by
 * side and call the routes (a write-path test drives a traffic wizard, the editor and a
 * rollback together), as eslint.config.mjs's layer rules also allow them. Imports are read
 * with TypeScript's own pre-processor, so comments and strings that merely look like
 * imports are ignored.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const serverDir = dirname(fileURLToPath(import.meta.url));
const rootDir = dirname(serverDir);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".integration.test.ts") ? [path] : [];
  });
}

/** The area an absolute path lies in, or undefined for files directly under server/ and paths outside it. */
function areaOf(path: string): string | undefined {
  const [first, ...rest] = relative(serverDir, path).split(sep);
  if (first === undefined || first.startsWith("..") || rest.length === 0) return undefined;
  return statSync(join(serverDir, first), { throwIfNoEntry: false })?.isDirectory() ? first : undefined;
}

function importedPath(fromFile: string, specifier: string): string | undefined {
  if (specifier.startsWith("@/")) return join(rootDir, specifier.slice(2));
  if (specifier.startsWith(".")) return resolve(dirname(fromFile), specifier);
  return undefined; // a package
}

/** One example import per area edge, so a failure names a file to change. */
type AreaGraph = Map<string, Map<string, string>>;

function readAreaGraph(): AreaGraph {
  const graph: AreaGraph = new Map();
  for (const file of sourceFiles(serverDir)) {
    const from = areaOf(file);
    if (from === undefined) continue;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const { fileName } of importedFiles) {
      const target = importedPath(file, fileName);
      const to = target === undefined ? undefined : areaOf(target);
      if (to === undefined || to === from) continue;
      const edges = graph.get(from) ?? graph.set(from, new Map()).get(from)!;
      if (!edges.has(to)) edges.set(to, `${relative(rootDir, file)} imports "${fileName}"`);
    }
  }
  return graph;
}

/**
 * For each area on a cycle, the shortest cycle through it (breadth-first), as the areas along
 * it with the first repeated last; a cycle found from several of its areas is listed once.
 */
function findCycles(graph: AreaGraph): string[][] {
  const cycles = new Map<string, string[]>();
  for (const start of [...graph.keys()].sort()) {
    const cameFrom = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0 && !cameFrom.has(start)) {
      const area = queue.shift()!;
      for (const next of [...(graph.get(area)?.keys() ?? [])].sort()) {
        if (cameFrom.has(next)) continue;
        cameFrom.set(next, area);
        queue.push(next);
      }
    }
    if (!cameFrom.has(start)) continue;
    const path = [start];
    for (let at = cameFrom.get(start)!; at !== start; at = cameFrom.get(at)!) path.unshift(at);
    path.unshift(start);
    const key = [...new Set(path)].sort().join(" ");
    if (!cycles.has(key)) cycles.set(key, path);
  }
  return [...cycles.values()];
}

function describeCycle(graph: AreaGraph, cycle: string[]): string {
  const steps = cycle.slice(1).map((to, i) => `  ${cycle[i]} → ${to}: ${graph.get(cycle[i]!)?.get(to)}`);
  return [cycle.join(" → "), ...steps].join("\n");
}

describe("server/ areas", () => {
  it("import one another without a cycle", () => {
    const graph = readAreaGraph();
    expect(findCycles(graph).map((cycle) => describeCycle(graph, cycle))).toEqual([]);
  });

  it("are read from real imports (the check would pass vacuously otherwise)", () => {
    // graph → adapters (Prometheus, kube) has existed since the first graph; if this edge
    // vanished, the reader would have stopped seeing imports.
    expect(readAreaGraph().get("graph")?.has("adapters")).toBe(true);
  });
});

describe("findCycles", () => {
  it("names the areas along each cycle, once per cycle", () => {
    const graph: AreaGraph = new Map([
      ["a", new Map([["b", "x"]])],
      [
        "b",
        new Map([
          ["c", "x"],
          ["d", "x"],
        ]),
      ],
      ["c", new Map([["a", "x"]])],
      ["d", new Map([["b", "x"]])],
    ]);
    expect(findCycles(graph)).toEqual([
      ["a", "b", "c", "a"],
      ["b", "d", "b"],
    ]);
  });

  it("finds none in a graph that only points one way", () => {
    const graph: AreaGraph = new Map([
      [
        "a",
        new Map([
          ["b", "x"],
          ["c", "x"],
        ]),
      ],
      ["b", new Map([["c", "x"]])],
    ]);
    expect(findCycles(graph)).toEqual([]);
  });
});
