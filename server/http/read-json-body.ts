/**
 * Reads a request body as JSON and checks it against a zod schema. The size cap is
 * enforced while reading (a chunked body has no Content-Length for the guard to check), and
 * every failure is a `bad_request` that says what to fix, with the path of the bad field.
 */
import "server-only";
import type { z } from "zod";
import { TopsailError } from "@/server/errors";
import { parseInput } from "./parse-input";
import { maxJsonBodyBytes } from "./request-guard";

async function readLimited(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new TopsailError("payload_too_large", `Request body exceeds the limit of ${limit} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  limit = maxJsonBodyBytes,
): Promise<z.infer<S>> {
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (contentType !== "application/json") {
    throw new TopsailError("unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  }
  const text = await readLimited(request, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TopsailError("bad_request", `The body is not valid JSON: ${(error as Error).message}`);
  }
  return parseInput(schema, value, "request");
}
