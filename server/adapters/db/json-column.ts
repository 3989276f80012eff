/**
 * Topsail values in and out of Prisma `Json` columns (jsonb on PostgreSQL; JSON text in a
 * JSONB-declared column on SQLite). Prisma hands a stored value back already parsed, but only
 * as "some JSON": what it must be (an object, a list of groups, a spec) is checked here or by
 * the caller's own zod schema, so a row written by hand or by another version fails loudly.
 */
import "server-only";
import { z } from "zod";
import { Prisma } from "./generated/client";

/** What a Json column returns: any JSON value, or null for SQL NULL (and for a stored JSON null). */
export type JsonColumnValue = Prisma.JsonValue;

const jsonValue = z.json();
const jsonObject = z.record(z.string(), z.unknown());
const groups = z.array(z.unknown());

/**
 * `value` as a Json column takes it: exactly what JSON.stringify makes of it (undefined
 * properties dropped, dates as ISO strings, `toJSON` honoured), as when these columns held
 * JSON text, so switching the column type changed no stored value.
 */
export function toJsonColumn(value: object): Prisma.InputJsonValue {
  const parsed = jsonValue.parse(JSON.parse(JSON.stringify(value)));
  // JSON.stringify of an object is never "null" unless its toJSON says so: store that as {} would lie.
  if (parsed === null) throw new TypeError("a value whose JSON is null cannot be stored as an object");
  return parsed;
}

/** A nullable Json column's input: SQL NULL for null or undefined (never a JSON `null`). */
export function toNullableJsonColumn(value: object | null | undefined): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === undefined || value === null ? Prisma.DbNull : toJsonColumn(value);
}

/** Where-filter for "the column is SQL NULL" (Prisma does not take a bare null for Json fields). */
export const isSqlNull = { equals: Prisma.DbNull } as const satisfies Prisma.JsonNullableFilter;

/** The stored value as a JSON object, or undefined when it is anything else (an array, a string, a number). */
export function jsonObjectOf(value: JsonColumnValue): Record<string, unknown> | undefined {
  const parsed = jsonObject.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** An actor's groups: stored as a JSON array (SQLite has no arrays); anything else reads as no groups. */
export function groupsOf(value: JsonColumnValue): string[] {
  const parsed = groups.safeParse(value);
  return parsed.success ? parsed.data.filter((g): g is string => typeof g === "string") : [];
}

/** An actor's groups as stored: none is SQL NULL, as before the column held JSON. */
export function groupsToColumn(value: readonly string[] | undefined): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value?.length ? [...value] : Prisma.DbNull;
}
