/** Query strings and route params checked with the contract's zod schema; a failure is a 400 that names the field. */
import "server-only";
import type { z } from "zod";
import { TopsailError } from "@/server/errors";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "query"): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join(".") : what}: ${i.message}`);
  throw new TopsailError("bad_request", `Invalid ${what}: ${problems.join("; ")}`, { details: { issues: parsed.error.issues } });
}

export const searchParamsOf = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);
