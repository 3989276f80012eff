import { describe, expect, it } from "vitest";
import { newSession } from "./session";
import { clearedSessionCookie, sealSession, sessionCookie, unsealSession, wantsSecureCookies } from "./session-cookie";

const secret = "a-session-secret-of-32-characters!";
const alice = {
  name: "alice",
  groups: ["team-a"],
  strategy: "token" as const,
  credential: { kind: "bearer" as const, token: "topsail-demo-alice" },
};

describe("the session cookie", () => {
  it("gives back the session it sealed, and the sealed value does not show the token", async () => {
    const session = newSession(alice, 8);
    const sealed = await sealSession(session, secret);
    expect(sealed).not.toContain("topsail-demo-alice");
    expect(sealed).not.toContain("alice");
    expect(await unsealSession(sealed, secret)).toEqual(session);
  });

  it("is no session when changed, sealed with another secret, or past its expiry", async () => {
    const session = newSession(alice, 8);
    const sealed = await sealSession(session, secret);
    const tampered = `${sealed.slice(0, 40)}${sealed[40] === "A" ? "B" : "A"}${sealed.slice(41)}`;
    expect(await unsealSession(tampered, secret)).toBeUndefined();
    expect(await unsealSession(sealed, "another-secret-of-32-characters!!!")).toBeUndefined();
    expect(await unsealSession(sealed, secret, session.expiresAt + 1)).toBeUndefined();
    expect(await unsealSession(undefined, secret)).toBeUndefined();
  });

  it("gives each session its own CSRF token", () => {
    expect(newSession(alice, 8).csrfToken).not.toBe(newSession(alice, 8).csrfToken);
  });

  it("is HttpOnly, SameSite=Strict, lives as long as the session, and is cleared at once on sign-out", () => {
    const now = Date.now();
    const session = newSession(alice, 8, now);
    expect(sessionCookie("v", session, false, now)).toEqual({
      name: "topsail_session",
      value: "v",
      httpOnly: true,
      sameSite: "strict",
      secure: false,
      path: "/",
      maxAge: 8 * 3600,
    });
    expect(clearedSessionCookie(true)).toMatchObject({ name: "topsail_session", value: "", maxAge: 0, secure: true });
  });

  it("is Secure behind TLS: an https public URL, an https request, or a proxy that terminated TLS", () => {
    const plain = new Request("http://127.0.0.1:3000/api/auth/sign-in");
    expect(wantsSecureCookies(undefined, plain)).toBe(false);
    expect(wantsSecureCookies("https://topsail.example.com", plain)).toBe(true);
    expect(wantsSecureCookies(undefined, new Request("https://topsail.example.com/api/auth/sign-in"))).toBe(true);
    const proxied = new Request("http://10.0.0.5:3000/x", { headers: { "x-forwarded-proto": "https" } });
    expect(wantsSecureCookies(undefined, proxied)).toBe(true);
  });
});
