/**
 * The route pattern a request path belongs to (`/api/audit/[id]` for `/api/audit/abc`), so the
 * request metrics and log lines are labelled by route — a bounded set — never by raw paths that
 * carry names. The patterns are Next.js's own, from the build's `app-path-routes-manifest.json`.
 */
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";

function toMatcher(pattern: string): RegExp {
  const source = pattern
    .split("/")
    .map((segment) => {
      if (/^\[\[\.\.\..+\]\]$/.test(segment)) return "(?:/.*)?";
      if (/^\[\.\.\..+\]$/.test(segment)) return "/.+";
      if (/^\[.+\]$/.test(segment)) return "/[^/]+";
      return segment === "" ? "" : `/${segment.replace(/[.*+?^${}()|\\]/g, "\\$&")}`;
    })
    .join("");
  return new RegExp(`^${source}$`);
}

/** The most specific pattern that matches (static segments win over dynamic ones, as Next routes). */
export function routePatternOf(pathname: string, patterns: readonly string[]): string {
  const matching = patterns.filter((p) => toMatcher(p).test(pathname));
  const dynamicCount = (p: string) => (p.match(/\[/g) ?? []).length;
  matching.sort((a, b) => dynamicCount(a) - dynamicCount(b) || b.length - a.length);
  return matching[0] ?? "unmatched";
}

let loaded: string[] | undefined;

/** The API route patterns of this build (none before `next build`, e.g. under tests). */
export function apiRoutePatterns(): string[] {
  if (loaded) return loaded;
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(process.cwd(), ".next", "app-path-routes-manifest.json"), "utf8"),
    ) as Record<string, string>;
    loaded = Object.values(manifest).filter((p) => p.startsWith("/api/"));
  } catch {
    loaded = [];
  }
  return loaded;
}
