/**
 * Prisma stores Topsail's closed sets (an audit entry's source, an experiment's phase…) as
 * plain strings. Each one read back is checked here against its contract's zod enum, so a row
 * written by hand or by a newer version fails loudly instead of leaking an unknown string
 * into the UI; past this boundary the value is the literal union.
 */
import "server-only";
import type { z } from "zod";
import { DbError } from "@/server/errors";

/** `value` as one of `schema`'s options; `row` and `field` name it in the DbError otherwise. */
export function fromStoredEnum<S extends z.ZodType<string, string>>(
  schema: S,
  value: string,
  row: string,
  field: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new DbError(`${row}: unknown ${field} "${value}"`);
  return parsed.data;
}
