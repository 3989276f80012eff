/**
 * What a signed-in browser carries: the viewer (the credential included — a bearer token
 * lives only here, inside the sealed cookie), a random CSRF token the page must echo on every
 * write, and when the session ends. The shape is checked with zod after unsealing, so a cookie
 * sealed by an older console with another shape is simply no session.
 */
// No "server-only": proxy.ts imports this, and the proxy is not a React Server Components bundle.
import { randomBytes } from "node:crypto";
import { z } from "zod";

export const sessionSchema = z.object({
  viewer: z.object({
    name: z.string().min(1),
    groups: z.array(z.string()),
    strategy: z.enum(["token", "openid"]),
    credential: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("bearer"), token: z.string().min(1) }),
      z.object({ kind: z.literal("impersonate") }),
    ]),
  }),
  csrfToken: z.string().min(32),
  /** Milliseconds since the epoch. */
  expiresAt: z.number(),
});

export type Session = z.infer<typeof sessionSchema>;

export type SessionViewer = Session["viewer"];

export function newSession(viewer: SessionViewer, hours: number, now = Date.now()): Session {
  return { viewer, csrfToken: randomBytes(32).toString("base64url"), expiresAt: now + hours * 3_600_000 };
}
