/**
 * Whether a Prisma error is the violation of one unique index: how the code learns that the
 * database refused a duplicate (one active experiment per service, an external change recorded
 * twice) instead of checking first and racing another console. The drivers name the index
 * differently: PostgreSQL by its name, SQLite by its columns; both are checked.
 */
import { z } from "zod";

export interface UniqueIndex {
  /** As `map:` names it in prisma/schema.prisma. */
  name: string;
  fields: readonly string[];
}

const violation = z.object({
  code: z.literal("P2002"),
  meta: z.object({
    driverAdapterError: z.object({
      cause: z.object({
        constraint: z.union([z.object({ index: z.string() }), z.object({ fields: z.array(z.string()) })]),
      }),
    }),
  }),
});

export function violatesUniqueIndex(error: unknown, index: UniqueIndex): boolean {
  const parsed = violation.safeParse(error);
  if (!parsed.success) return false;
  const constraint = parsed.data.meta.driverAdapterError.cause.constraint;
  if ("index" in constraint) return constraint.index === index.name;
  return constraint.fields.length === index.fields.length && constraint.fields.every((f, i) => f === index.fields[i]);
}
