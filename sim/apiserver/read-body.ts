/**
 * Request bodies: size-limited (a real server refuses bodies past 3 MiB), JSON or YAML,
 * always an object. Parse failures are 400s that say what was wrong.
 */
import type { IncomingMessage } from "node:http";
import { parse as parseYaml } from "yaml";
import { badRequest, tooLarge } from "./status-error";
import { decodeProtobufObject, PROTOBUF_CONTENT_TYPE } from "./decode-protobuf";

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return (await readBodyBytes(req, limit)).toString("utf8");
}

export async function readBodyBytes(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw badRequest(`the request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function parseYamlBody(text: string): unknown {
  try {
    return parseYaml(text) as unknown;
  } catch (err) {
    throw badRequest(`the request body is not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A body in whatever encoding the client chose: JSON, YAML or (for the kinds we can read) protobuf. */
export async function readObjectBody(req: IncomingMessage, contentType: string): Promise<unknown> {
  const bytes = await readBodyBytes(req);
  if (contentType === PROTOBUF_CONTENT_TYPE) return decodeProtobufObject(bytes);
  return parseBody(bytes.toString("utf8"), contentType);
}

/** JSON is YAML, but JSON errors read better, so try JSON first for YAML-typed bodies too. */
export function parseBody(text: string, contentType: string): unknown {
  if (contentType.includes("yaml")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return parseYamlBody(text);
    }
  }
  return parseJsonBody(text);
}
