/**
 * The session cookie: the session sealed (encrypted and signed) by iron-session with
 * TOPSAIL_SESSION_SECRET, so the browser holds it but can neither read nor change it.
 * `HttpOnly` (no script reads it), `SameSite=Strict` (no other site's page sends it), `Secure`
 * when the console is reached over TLS, and expiring with the session.
 */
// No "server-only": proxy.ts imports this, and the proxy is not a React Server Components bundle.
import { sealData, unsealData } from "iron-session";
import { sessionSchema, type Session } from "./session";

export const sessionCookieName = "topsail_session";

export interface CookieSettings {
  name: string;
  value: string;
  httpOnly: true;
  sameSite: "strict" | "lax";
  secure: boolean;
  path: string;
  maxAge: number;
}

export async function sealSession(session: Session, secret: string, now = Date.now()): Promise<string> {
  const ttl = Math.max(1, Math.ceil((session.expiresAt - now) / 1000));
  return sealData(session, { password: secret, ttl });
}

/** The session a cookie value holds, or undefined when it is absent, forged, expired or of another shape. */
export async function unsealSession(
  value: string | undefined,
  secret: string,
  now = Date.now(),
): Promise<Session | undefined> {
  if (!value) return undefined;
  let data: unknown;
  try {
    // iron-session checks the seal's own expiry (its ttl); ours is checked below as well.
    data = await unsealData(value, { password: secret });
  } catch {
    return undefined;
  }
  const parsed = sessionSchema.safeParse(data);
  if (!parsed.success || parsed.data.expiresAt <= now) return undefined;
  return parsed.data;
}

export function sessionCookie(value: string, session: Session, secure: boolean, now = Date.now()): CookieSettings {
  return {
    name: sessionCookieName,
    value,
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: "/",
    maxAge: Math.max(1, Math.floor((session.expiresAt - now) / 1000)),
  };
}

/** A cookie that replaces the session with nothing, at once. */
export function clearedSessionCookie(secure: boolean): CookieSettings {
  return { name: sessionCookieName, value: "", httpOnly: true, sameSite: "strict", secure, path: "/", maxAge: 0 };
}

/**
 * Whether cookies must be `Secure`: the public URL is https, or this request came over TLS
 * (directly, or through a proxy that says so).
 */
export function wantsSecureCookies(publicUrl: string | undefined, request: Request): boolean {
  if (publicUrl?.startsWith("https://")) return true;
  if (new URL(request.url).protocol === "https:") return true;
  return request.headers.get("x-forwarded-proto") === "https";
}
