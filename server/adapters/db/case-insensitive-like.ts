/**
 * SQLite's LIKE — what Prisma's `contains`, `startsWith` and `endsWith` become — ignores the case
 * of ASCII letters; PostgreSQL's does not. The code is written against SQLite's meaning (e.g. the
 * audit list's actor filter, server/adapters/db/audit-entries.ts), so on PostgreSQL every such
 * filter in a query's `where` gets `mode: "insensitive"` (ILIKE), which only that client knows.
 */
const likeFilters = ["contains", "startsWith", "endsWith"];

export function caseInsensitiveLike<T>(args: T): T {
  if (typeof args !== "object" || args === null || !("where" in args)) return args;
  return { ...args, where: rewrite(args.where) };
}

function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  // Only plain objects are filters: a class instance (a Date, Prisma's DbNull that asks a JSON
  // column for SQL NULL) is a value, and copying it into a plain object would change its meaning.
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, rewrite(inner)]),
  );
  if (likeFilters.some((key) => typeof out[key] === "string") && !("mode" in out)) out.mode = "insensitive";
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
