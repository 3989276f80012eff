/** GET /api/auth/session: who the console acts for on this request, and the CSRF token to write with. */
import "server-only";
import type { SessionInfo } from "@/lib/contracts/auth";
import { getConfig } from "@/server/config";
import { readSession, resolveViewer, type RequestIdentityInput, type ResolveDeps } from "./resolve-viewer";

export async function describeSession(input: RequestIdentityInput, deps: ResolveDeps): Promise<SessionInfo> {
  const strategy = deps.auth.strategy;
  const session = await readSession(input, deps.auth);
  const viewer =
    session?.viewer ?? (strategy === "token" || strategy === "openid" ? undefined : await resolveViewer(input, deps));
  return {
    signedIn: viewer !== undefined,
    user: viewer?.name ?? null,
    groups: viewer?.groups ?? [],
    strategy,
    csrfToken: session?.csrfToken ?? null,
    // The shell says so, and the permissions API already answers that nothing is allowed.
    viewOnly: getConfig().viewOnly,
  };
}
