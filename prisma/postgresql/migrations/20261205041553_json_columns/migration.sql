-- JSON values become jsonb (issue 17). Prisma's diff would drop each column and add it again,
-- losing every value: each is converted in place instead, written by hand, as the SQLite
-- migration of the same name carries them over. NULL stays NULL. Text that is not JSON (only
-- ever written by hand, Topsail wrote JSON.stringify's output) is kept as a JSON string instead
-- of failing the migration: the adapters then report it as not an object, as they did before.
--
-- Mind the semicolons: adapter-pg 7.10 runs a migration by splitting it at every semicolon,
-- comments and strings included, and sends each piece on any connection of its pool. So no
-- semicolon in these comments, a plain function (a pg_temp one could be on another connection)
-- dropped at the end, and its PL/pgSQL body as an E'' string whose semicolons are written \073.
CREATE OR REPLACE FUNCTION "topsail_text_to_jsonb"(value text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
E'BEGIN RETURN value::jsonb\073 EXCEPTION WHEN invalid_text_representation OR untranslatable_character THEN RETURN to_jsonb(value)\073 END';

-- AlterTable
ALTER TABLE "AuditEntry"
ALTER COLUMN "actorGroups" SET DATA TYPE JSONB USING "topsail_text_to_jsonb"("actorGroups"),
ALTER COLUMN "before" SET DATA TYPE JSONB USING "topsail_text_to_jsonb"("before"),
ALTER COLUMN "after" SET DATA TYPE JSONB USING "topsail_text_to_jsonb"("after");

-- AlterTable
ALTER TABLE "Experiment"
ALTER COLUMN "actorGroups" SET DATA TYPE JSONB USING "topsail_text_to_jsonb"("actorGroups"),
ALTER COLUMN "spec" SET DATA TYPE JSONB USING "topsail_text_to_jsonb"("spec"),
ALTER COLUMN "state" SET DATA TYPE JSONB USING "topsail_text_to_jsonb"("state");

-- AlterTable
ALTER TABLE "ExperimentEvent"
ALTER COLUMN "data" SET DATA TYPE JSONB USING "topsail_text_to_jsonb"("data");

DROP FUNCTION "topsail_text_to_jsonb"(text);
