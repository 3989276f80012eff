/**
 * The openid strategy against a real OpenID provider (oidc-provider on 127.0.0.1), driven as
 * a browser would be but with fetch: the console sends the browser to the provider with a
 * PKCE challenge, state and nonce; the provider logs alice in and sends her back with a code;
 * the console trades it, checks the ID token and starts a session naming alice with her
 * groups, then moves on to the page she came from. Signing out ends the session.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as callbackGet } from "@/app/api/auth/openid/callback/route";
import { GET as startGet } from "@/app/api/auth/openid/start/route";
import { GET as sessionGet } from "@/app/api/auth/session/route";
import { POST as signOutPost } from "@/app/api/auth/sign-out/route";
import {
  callAsClient,
  origin,
  routeHandler,
  type ClientAnswer,
  type RouteHandler,
} from "@/server/http/test-support/call-as-client";
import { CookieJar } from "./test-support/cookie-jar";
import { startIdentityProvider, type RunningIdentityProvider } from "./test-support/start-identity-provider";

type Answer = Extract<ClientAnswer, { reached: "proxy" | "handler" }>;

const clientId = "topsail";
const clientSecret = "topsail-test-client-secret";

describe("signing in with OpenID Connect", () => {
  let idp: RunningIdentityProvider;
  const names = [
    "TOPSAIL_AUTH_STRATEGY",
    "TOPSAIL_SESSION_SECRET",
    "TOPSAIL_OIDC_ISSUER",
    "TOPSAIL_OIDC_CLIENT_ID",
    "TOPSAIL_OIDC_CLIENT_SECRET",
    "TOPSAIL_OIDC_SCOPES",
    "TOPSAIL_PUBLIC_URL",
  ];
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));

  beforeAll(async () => {
    idp = await startIdentityProvider({
      users: { alice: ["bookinfo-editors"], bob: ["viewers"], carol: [] },
      clientId,
      clientSecret,
      redirectUri: `${origin}/api/auth/openid/callback`,
    });
    Object.assign(process.env, {
      TOPSAIL_AUTH_STRATEGY: "openid",
      TOPSAIL_SESSION_SECRET: "an-integration-test-secret-of-32+chars",
      TOPSAIL_OIDC_ISSUER: idp.issuer,
      TOPSAIL_OIDC_CLIENT_ID: clientId,
      TOPSAIL_OIDC_CLIENT_SECRET: clientSecret,
      TOPSAIL_OIDC_SCOPES: "openid groups",
      TOPSAIL_PUBLIC_URL: origin,
    });
  });

  afterAll(async () => {
    await idp?.stop();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  async function call(
    jar: CookieJar,
    method: string,
    target: string,
    handler: RouteHandler,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const cookie = jar.header(origin);
    const answer = await callAsClient(new URL(target, origin).pathname, handler, {
      method,
      target,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    if (answer.reached === "no-route") throw new Error(`no route for ${target}`);
    jar.take(origin, answer.headers);
    return answer;
  }

  /** Follows the provider's redirects as a browser would, until one leads back to the console. */
  async function throughProvider(jar: CookieJar, url: string): Promise<string> {
    let current = url;
    for (let hop = 0; hop < 10 && current.startsWith(idp.issuer); hop++) {
      const response = await fetch(current, { redirect: "manual", headers: { cookie: jar.header(current) } });
      jar.take(current, response.headers);
      const location = response.headers.get("location");
      if (!location) throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
      current = new URL(location, current).href;
    }
    return current;
  }

  const session = async (jar: CookieJar) =>
    JSON.parse((await call(jar, "GET", "/api/auth/session", routeHandler(sessionGet))).text) as {
      signedIn: boolean;
      user: string | null;
      groups: string[];
      csrfToken: string | null;
    };

  it("signs alice in with the code flow and PKCE, names her and her groups, and returns her to her page", async () => {
    const jar = new CookieJar();
    idp.signInAs("alice");
    const start = await call(
      jar,
      "GET",
      "/api/auth/openid/start?next=%2Fgraph%3Fnamespaces%3Dbookinfo",
      routeHandler(startGet),
    );
    expect(start.status).toBe(303);
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("state")).toBeTruthy();
    expect(authorize.searchParams.get("nonce")).toBeTruthy();

    const back = await throughProvider(jar, authorize.href);
    expect(back.startsWith(`${origin}/api/auth/openid/callback?`)).toBe(true);
    const callback = await call(jar, "GET", back.slice(origin.length), routeHandler(callbackGet));
    expect(callback.status).toBe(200);
    // A same-origin page moves on to where alice started, so her SameSite=Strict cookie goes with it.
    expect(callback.text).toContain('content="0;url=/graph?namespaces=bookinfo"');
    const cookie = callback.headers.getSetCookie().find((line) => line.startsWith("topsail_session="));
    expect(cookie).toMatch(/SameSite=Strict/i);

    expect(await session(jar)).toMatchObject({ signedIn: true, user: "alice", groups: ["bookinfo-editors"] });
  });

  it("refuses a callback whose state is not the one the browser started with, back at /sign-in", async () => {
    const jar = new CookieJar();
    idp.signInAs("bob");
    const start = await call(jar, "GET", "/api/auth/openid/start", routeHandler(startGet));
    const back = new URL(await throughProvider(jar, start.headers.get("location") ?? ""));
    back.searchParams.set("state", "forged-state");
    const callback = await call(jar, "GET", `${back.pathname}${back.search}`, routeHandler(callbackGet));
    expect(callback.status).toBe(303);
    const location = new URL(callback.headers.get("location") ?? "", origin);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("error")).toBe("openid_failed");
    expect(await session(jar)).toMatchObject({ signedIn: false });
  });

  it("ends the session on sign-out", async () => {
    const jar = new CookieJar();
    idp.signInAs("carol");
    const start = await call(jar, "GET", "/api/auth/openid/start", routeHandler(startGet));
    const back = await throughProvider(jar, start.headers.get("location") ?? "");
    await call(jar, "GET", back.slice(origin.length), routeHandler(callbackGet));
    const before = await session(jar);
    expect(before).toMatchObject({ signedIn: true, user: "carol", groups: [] });

    const out = await call(jar, "POST", "/api/auth/sign-out", routeHandler(signOutPost), {
      "x-csrf-token": before.csrfToken ?? "",
    });
    expect(out.status).toBe(200);
    expect(await session(jar)).toMatchObject({ signedIn: false, user: null });
  });
});
