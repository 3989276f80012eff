import "server-only";
import type { ApiErrorBody } from "@/lib/contracts/errors";
import { viewerOfRequest } from "@/server/auth/request-viewer";
import { currentViewer, runAsViewer } from "@/server/auth/viewer";
import { TopsailError } from "@/server/errors";
import { recordApiRequest } from "@/server/observability/request-log";

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

export const signInMessage = "Sign in at /sign-in";

/**
 * Runs `work` as the request's viewer (server/auth/viewer.ts) and maps its failure: with no
 * viewer (not signed in, session expired) it answers 401 `unauthenticated` without running it.
 */
export async function respondWith(work: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  let viewerName: string | undefined;
  let response: Response;
  try {
    // A viewer already established (a route handler called as a given viewer in process, as
    // the tests do) is kept; a request from the network starts with none.
    const viewer = currentViewer() ?? (await viewerOfRequest());
    if (!viewer) throw new TopsailError("unauthenticated", signInMessage);
    viewerName = viewer.name;
    response = await runAsViewer(viewer, work);
  } catch (error) {
    response = toErrorResponse(error);
  }
  await recordApiRequest(response.status, (performance.now() - started) / 1000, viewerName);
  return response;
}

/** Runs a route's one domain call as the request's viewer and maps its failure, so handlers stay a few lines. */
export function respond<T>(work: () => Promise<T>, init?: ResponseInit): Promise<Response> {
  return respondWith(async () => Response.json(await work(), init));
}
