/** Writing responses: JSON bodies, Status errors and admission warnings as `Warning: 299` headers. */
import type { ServerResponse } from "node:http";
import { isStatusError, internalError, type Status } from "./status-error";

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = "application/json",
  warnings: string[] = [],
): void {
  sendRawJson(res, code, JSON.stringify(body), contentType, warnings);
}

/** For bodies already serialised (cached object texts). */
export function sendRawJson(
  res: ServerResponse,
  code: number,
  text: string,
  contentType = "application/json",
  warnings: string[] = [],
): void {
  const headers: Record<string, string | string[]> = {
    "content-type": contentType,
    "content-length": String(Buffer.byteLength(text)),
    "cache-control": "no-cache, private",
  };
  if (warnings.length > 0) headers.warning = warnings.map(formatWarning);
  res.writeHead(code, headers);
  res.end(text);
}

/** RFC 7234 warning with the apiserver's agent `-`; quotes and backslashes escaped as kube-apiserver does. */
export function formatWarning(text: string): string {
  return `299 - "${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function sendStatus(res: ServerResponse, status: Status, warnings: string[] = []): void {
  sendJson(res, status.code, status, "application/json", warnings);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const status = isStatusError(err) ? err.status : internalError(err).status;
  if (res.headersSent) {
    res.end();
    return;
  }
  sendStatus(res, status);
}

export function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function successStatus(details: Record<string, string>): Record<string, unknown> {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details };
}
