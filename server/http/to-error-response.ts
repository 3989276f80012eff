import "server-only";
import type { ApiErrorBody } from "@/lib/contracts/errors";
import { TopsailError } from "@/server/errors";

/** Maps any thrown value to the API's error JSON. Unknown errors are logged, not shown. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof TopsailError) {
    const body: ApiErrorBody = { error: { code: error.code, message: error.message, details: error.details } };
    return Response.json(body, { status: error.httpStatus });
  }
  console.error("Unexpected error in an API route:", error);
  const body: ApiErrorBody = {
    error: { code: "internal", message: "Unexpected server error; the console log has the details." },
  };
  return Response.json(body, { status: 500 });
}

/** Runs a route's one domain call and maps its failure, so handlers stay a few lines. */
export async function respond<T>(work: () => Promise<T>, init?: ResponseInit): Promise<Response> {
  try {
    return Response.json(await work(), init);
  } catch (error) {
    return toErrorResponse(error);
  }
}
