/**
 * Route input — path parameters, query strings, JSON bodies — checked with the contract's
 * zod schema. One way for every route: a failure is a 400 `bad_request` whose message names
 * each field and what is wrong with it, with zod's issues in `details`.
 */
import "server-only";
import type { z } from "zod";
import { TopsailError } from "@/server/errors";

/** `what` names the input in the message: "path", "query" or "request" (a body). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: "path" | "query" | "request" = "request",
): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (i) => `${i.path.length ? i.path.join(".") : what === "request" ? "body" : what}: ${i.message}`,
  );
  throw new TopsailError("bad_request", `Invalid ${what}: ${problems.join("; ")}`, {
    details: { issues: parsed.error.issues },
  });
}

/**
 * The query string as a plain object. With `names`, only those, absent ones undefined (so a
 * schema's defaults apply); without, every parameter given.
 */
export function searchParamsOf(request: Request, names?: readonly string[]): Record<string, string | undefined> {
  const params = new URL(request.url).searchParams;
  if (!names) return Object.fromEntries(params);
  return Object.fromEntries(names.map((n) => [n, params.get(n) ?? undefined]));
}
