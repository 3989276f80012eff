/**
 * The client's one way to call the JSON API: it validates the answer with the contract's
 * zod schema and rebuilds the server's typed error as an ApiError, so components branch on
 * `error.code`, never on message text.
 */
import type { z } from "zod";
import { apiErrorBodySchema } from "@/lib/contracts/errors";

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(init: { code: string; status: number; message: string; details?: Record<string, unknown> }) {
    super(init.message);
    this.name = "ApiError";
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
  }
}

export async function fetchJson<S extends z.ZodType>(url: string, schema: S, init?: RequestInit): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { Accept: "application/json", ...init?.headers } });
  } catch (error) {
    throw new ApiError({
      code: "network",
      status: 0,
      message: `The Topsail server did not answer (${(error as Error).message}).`,
    });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = apiErrorBodySchema.safeParse(body);
    if (parsed.success) throw new ApiError({ status: response.status, ...parsed.data.error });
    throw new ApiError({
      code: "http",
      status: response.status,
      message: `The Topsail server answered HTTP ${response.status}.`,
    });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      code: "contract",
      status: response.status,
      message: `Unexpected answer from ${url}: ${parsed.error.issues[0]?.message ?? "shape mismatch"}`,
    });
  }
  return parsed.data;
}
