/**
 * Who a request is from, per strategy: anonymous → the console's own kubeconfig user; token
 * and openid → the viewer in the sealed session cookie; header → the trusted proxy's headers
 * (or its bearer token, named by the cluster). Undefined: nobody, and the request must sign in.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { AuthSettings } from "@/server/config";
import { TopsailError } from "@/server/errors";
import { readHeaderIdentity, type HeadersLike } from "./header-identity";
import { peerAddressHeader } from "./proxy-addresses";
import { sessionCookieName, unsealSession } from "./session-cookie";
import type { Session } from "./session";
import type { Viewer } from "./viewer";

export interface RequestIdentityInput {
  headers: HeadersLike;
  cookie(name: string): string | undefined;
}

/**
 * Whom a bearer token is to the cluster: a SelfSubjectReview made with it
 * (server/adapters/kube/self-subject-review.ts).
 */
export type ReviewedUserLookup = (token: string) => Promise<{ name: string; groups: string[] }>;

export interface ResolveDeps {
  auth: AuthSettings;
  /** The kubeconfig user's name, for the anonymous strategy's viewer. */
  consoleUserName(): string;
  reviewToken: ReviewedUserLookup;
}

/** The session of a token or openid request, when its cookie holds a live one. */
export async function readSession(input: RequestIdentityInput, auth: AuthSettings): Promise<Session | undefined> {
  if (!auth.sessionSecret) return undefined;
  return unsealSession(input.cookie(sessionCookieName), auth.sessionSecret);
}

// A proxy's bearer token is reviewed once a minute, not on every request of a page load.
const reviewed = new Map<string, { viewer: Viewer; until: number }>();
const reviewTtlMs = 60_000;

async function viewerForBearer(token: string, deps: ResolveDeps): Promise<Viewer | undefined> {
  const key = createHash("sha256").update(token).digest("base64url");
  const now = Date.now();
  const cached = reviewed.get(key);
  if (cached && cached.until > now) return cached.viewer;
  try {
    const user = await deps.reviewToken(token);
    const viewer: Viewer = { ...user, strategy: "header", credential: { kind: "bearer", token } };
    if (reviewed.size > 1000) reviewed.clear();
    reviewed.set(key, { viewer, until: now + reviewTtlMs });
    return viewer;
  } catch (error) {
    // A token the cluster refuses is no viewer; an unreachable cluster is an error to show.
    if (error instanceof TopsailError && error.code === "unauthenticated") return undefined;
    throw error;
  }
}

export async function resolveViewer(input: RequestIdentityInput, deps: ResolveDeps): Promise<Viewer | undefined> {
  const { auth } = deps;
  switch (auth.strategy) {
    case "anonymous":
      return { name: deps.consoleUserName(), groups: [], strategy: "anonymous", credential: { kind: "console" } };
    case "token":
    case "openid":
      return (await readSession(input, auth))?.viewer;
    case "header": {
      const identity = readHeaderIdentity(
        auth.header,
        input.headers,
        input.headers.get(peerAddressHeader) ?? undefined,
      );
      if (identity.kind === "user") return identity.viewer;
      if (identity.kind === "bearer") return viewerForBearer(identity.token, deps);
      return undefined;
    }
  }
}
