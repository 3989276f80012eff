/**
 * Golden files: a whole graph compared with the expected one in this folder, as Kiali's
 * graph tests do. `UPDATE_GOLDEN=1 npx vitest run --project unit server/graph` rewrites
 * them from the current output; review the diff before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const goldenDir = path.dirname(fileURLToPath(import.meta.url));

export function expectGolden(name: string, actual: unknown): void {
  const file = path.join(goldenDir, name);
  const text = typeof actual === "string" ? actual : `${JSON.stringify(actual, null, 1)}\n`;
  if (process.env.UPDATE_GOLDEN === "1") {
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`no golden file ${name}: run with UPDATE_GOLDEN=1 to create it`);
  const expected = readFileSync(file, "utf8");
  if (typeof actual === "string") expect(text).toBe(expected);
  else expect(actual).toEqual(JSON.parse(expected));
}
