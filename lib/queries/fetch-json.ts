/**
 * The client's one way to call the JSON API: it validates the answer with the contract's
 * zod schema and rebuilds the server's typed error as an ApiError, so components branch on
 * `error.code`, never on message text. Writes carry the session's CSRF token
 * (`X-CSRF-Token`, from GET /api/auth/session), and an answer that says nobody is signed in
 * takes the browser to /sign-in.
 */
import type { z } from "zod";
import { sessionInfoSchema } from "@/lib/contracts/auth";
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

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

let csrfToken: Promise<string | null> | undefined;
/**
 * The token once it has arrived. A write that finds it here calls fetch() in the same task
 * it was asked in: awaiting even a settled promise would wait for everything else that task
 * runs (on the graph page, creating Cytoscape: the layout request went out ~50 ms later).
 */
let knownCsrfToken: string | null | undefined;

/** The session's CSRF token, fetched once per page (null: the strategy keeps no session). */
function currentCsrfToken(): Promise<string | null> {
  csrfToken ??= fetchJson("/api/auth/session", sessionInfoSchema).then(
    (session) => (knownCsrfToken = session.csrfToken),
    () => {
      csrfToken = undefined;
      return null;
    },
  );
  return csrfToken;
}

/**
 * Fetches the token ahead of a write the page knows it will make (the graph's layout request,
 * lib/queries/graph-layout.ts), so that write goes out at once instead of after a round trip.
 */
export function prefetchCsrfToken(): void {
  void currentCsrfToken();
}

/** After signing in or out the session, and so its token, is another one. */
export function forgetCsrfToken(): void {
  csrfToken = undefined;
  knownCsrfToken = undefined;
}

function isApiWrite(url: string, init?: RequestInit): boolean {
  return url.startsWith("/api/") && !safeMethods.has((init?.method ?? "GET").toUpperCase());
}

export async function fetchJson<S extends z.ZodType>(url: string, schema: S, init?: RequestInit): Promise<z.infer<S>> {
  try {
    return await fetchJsonOnce(url, schema, init);
  } catch (error) {
    // The session changed since the token was read (signed in again in another tab): once more with the new one.
    if (error instanceof ApiError && error.code === "csrf_token" && isApiWrite(url, init)) {
      forgetCsrfToken();
      return fetchJsonOnce(url, schema, init);
    }
    if (error instanceof ApiError && error.code === "unauthenticated" && typeof window !== "undefined") {
      const here = `${window.location.pathname}${window.location.search}`;
      if (window.location.pathname !== "/sign-in") {
        // Outside React, and a full load drops the expired session's cached answers.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- see above
        window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
      }
    }
    throw error;
  }
}

async function fetchJsonOnce<S extends z.ZodType>(url: string, schema: S, init?: RequestInit): Promise<z.infer<S>> {
  let response: Response;
  try {
    const token = !isApiWrite(url, init)
      ? null
      : knownCsrfToken !== undefined
        ? knownCsrfToken
        : await currentCsrfToken();
    response = await fetch(url, {
      ...init,
      headers: { Accept: "application/json", ...(token ? { "X-CSRF-Token": token } : {}), ...init?.headers },
    });
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
