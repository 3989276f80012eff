/**
 * docs/ARCHITECTURE.md keeps its promise: for every API route, its table names the domain function the route calls,
 * so a contributor can follow any request from the route to the adapter. A new route without a row fails here.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** The names a route imports from a domain area (server/<area>, not the HTTP helpers or the error types). */
function domainImports(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/import \{([^}]*)\} from "@\/server\/([a-z-]+)[^"]*"/g)) {
    if (match[2] === "http" || match[2] === "errors") continue;
    names.push(...match[1]!.split(",").map((name) => name.trim().replace(/^type /, "")));
  }
  return names.filter(Boolean);
}

describe("docs/ARCHITECTURE.md", () => {
  const doc = readFileSync(path.join(root, "docs/ARCHITECTURE.md"), "utf8");
  const routes = routeFiles(path.join(root, "app/api"));

  it("finds the API routes", () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  it.each(routes.map((file) => [path.relative(root, file), file]))("names the domain entry of %s", (_name, file) => {
    const source = readFileSync(file, "utf8");
    const imports = domainImports(source);
    const moduleFile = source.match(/from "@\/server\/namespaces\/([a-z-]+)"/)?.[1];
    // A route that imports a module (not a function) is named by that module's file.
    const named = imports.length > 0 ? imports : moduleFile ? [`${moduleFile}.ts`] : [];
    expect(named.length, `${file} imports no domain function`).toBeGreaterThan(0);
    for (const name of named) expect(doc, `docs/ARCHITECTURE.md does not name ${name}`).toContain(name);
  });
});
