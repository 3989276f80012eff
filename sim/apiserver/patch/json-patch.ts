/** RFC 6902 JSON patch through fast-json-patch; a failing operation is the client's error (422), as upstream. */
// fast-json-patch is CommonJS; its default export is the one form both Node ESM and bundlers resolve.
import jsonpatch, { type Operation } from "fast-json-patch";
import { z } from "zod";
import { StatusError } from "../status-error";

const operationSchema = z.array(
  z.looseObject({ op: z.enum(["add", "remove", "replace", "move", "copy", "test"]), path: z.string() }),
);

export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  const parsed = operationSchema.safeParse(patch);
  if (!parsed.success)
    throw new StatusError(
      400,
      "BadRequest",
      `the request body is not a valid JSON patch: ${parsed.error.issues[0]?.message ?? "invalid"}`,
    );
  try {
    return jsonpatch.applyPatch(structuredClone(target), parsed.data as unknown as Operation[], true, false)
      .newDocument;
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new StatusError(422, "Invalid", `the server rejected our request due to an error in our request: ${message}`);
  }
}
