/** Route input (path and query parameters) checked with a contract's schema; a failure is a 400 that says what to fix. */
import "server-only";
import type { z } from "zod";
import { TopsailError } from "@/server/errors";

export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "input"}: ${i.message}`);
    throw new TopsailError("bad_request", `Invalid request: ${problems.join("; ")}`, { details: { issues: parsed.error.issues } });
  }
  return parsed.data;
}

/** Query parameters as a plain object; absent ones stay undefined so schema defaults apply. */
export function searchParamsOf(request: Request, names: readonly string[]): Record<string, string | undefined> {
  const params = new URL(request.url).searchParams;
  return Object.fromEntries(names.map((n) => [n, params.get(n) ?? undefined]));
}
