/** Path parameters of the traffic routes, checked with the contract's schema (a 400 naming the part). */
import "server-only";
import type { z } from "zod";
import { TopsailError } from "@/server/errors";

export function parsePath<S extends z.ZodType>(schema: S, params: unknown): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    throw new TopsailError("bad_request", `Invalid path: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`, { details: { issues: parsed.error.issues } });
  }
  return parsed.data;
}
