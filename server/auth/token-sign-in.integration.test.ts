/**
 * The token strategy end to end through proxy.ts and the route handlers, against the
 * simulator with the demo users' tokens (sim/scenarios/demo-tokens.csv): alice signs in with
 * her token and the console names her; a token the cluster does not know is refused; writes
 * need the session's CSRF token; a rebound Host name is refused; signing out ends the session.
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as sessionGet } from "@/app/api/auth/session/route";
import { POST as signInPost } from "@/app/api/auth/sign-in/route";
import { POST as signOutPost } from "@/app/api/auth/sign-out/route";
import { POST as validatePost } from "@/app/api/istio/objects/validate/route";
import { proxy } from "@/proxy";
import { DEMO_TOKENS_PATH, startSimulator, type RunningSimulator } from "@/sim/index";
import {
  callAsClient,
  origin,
  routeHandler,
  type ClientAnswer,
  type RouteHandler,
} from "@/server/http/test-support/call-as-client";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import { CookieJar } from "./test-support/cookie-jar";

const settings = {
  TOPSAIL_AUTH_STRATEGY: "token",
  TOPSAIL_SESSION_SECRET: "an-integration-test-secret-of-32+chars",
};

type Answer = Extract<ClientAnswer, { reached: "proxy" | "handler" }>;

describe("signing in with a Kubernetes token", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;
  const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));

  beforeAll(async () => {
    Object.assign(process.env, settings);
    consoleEnv = await startConsoleOnSimulator("token-sign-in", (paths) =>
      startSimulator({ port: 0, tokensPath: DEMO_TOKENS_PATH, ...paths }),
    );
  });

  afterAll(async () => {
    await consoleEnv?.stop();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  async function call(
    jar: CookieJar,
    method: string,
    pattern: string,
    handler: RouteHandler,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const cookie = jar.header(origin);
    const answer = await callAsClient(pattern, handler, {
      method,
      target: pattern,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    if (answer.reached === "no-route") throw new Error(`no route for ${pattern}`);
    jar.take(origin, answer.headers);
    return answer;
  }

  const signIn = (jar: CookieJar, token: string) =>
    call(jar, "POST", "/api/auth/sign-in", routeHandler(signInPost), { body: { token } });
  const session = (jar: CookieJar) => call(jar, "GET", "/api/auth/session", routeHandler(sessionGet));

  it("signs alice in with her token: the session names alice, in a sealed HttpOnly SameSite=Strict cookie", async () => {
    const jar = new CookieJar();
    const answer = await signIn(jar, "topsail-demo-alice");
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ signedIn: true, user: "alice", strategy: "token" });
    const cookie = answer.headers.getSetCookie().find((line) => line.startsWith("topsail_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toContain("topsail-demo-alice");

    const info = JSON.parse((await session(jar)).text);
    expect(info).toMatchObject({ signedIn: true, user: "alice", strategy: "token" });
    expect(info.csrfToken).toMatch(/^[\w-]{32,}$/);
  });

  it("refuses a token the cluster does not know with 401 and says why", async () => {
    const jar = new CookieJar();
    const answer = await signIn(jar, "not-a-token-of-this-cluster");
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text).error).toMatchObject({ code: "unauthenticated" });
    expect(JSON.parse(answer.text).error.message).toContain("does not accept this token");
    expect(jar.get(origin, "topsail_session")).toBeUndefined();
    expect(JSON.parse((await session(jar)).text)).toMatchObject({ signedIn: false, user: null });
  });

  it("refuses a signed-in write without the session's CSRF token, and lets it through with it", async () => {
    const jar = new CookieJar();
    await signIn(jar, "topsail-demo-alice");
    const body = { yaml: "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: x}\nspec: {}" };
    const without = await call(jar, "POST", "/api/istio/objects/validate", routeHandler(validatePost), { body });
    expect(without).toMatchObject({ reached: "proxy", status: 403 });
    expect(JSON.parse(without.text).error.message).toContain("X-CSRF-Token");
    const wrong = await call(jar, "POST", "/api/istio/objects/validate", routeHandler(validatePost), {
      body,
      headers: { "x-csrf-token": "x".repeat(43) },
    });
    expect(wrong).toMatchObject({ reached: "proxy", status: 403 });

    const { csrfToken } = JSON.parse((await session(jar)).text) as { csrfToken: string };
    const withToken = await call(jar, "POST", "/api/istio/objects/validate", routeHandler(validatePost), {
      body,
      headers: { "x-csrf-token": csrfToken },
    });
    expect(withToken.reached).toBe("handler");
  });

  it("refuses a DNS-rebound write: a foreign Host with a matching Origin and Sec-Fetch-Site: same-origin", async () => {
    const jar = new CookieJar();
    await signIn(jar, "topsail-demo-alice");
    const { csrfToken } = JSON.parse((await session(jar)).text) as { csrfToken: string };
    const answer = await call(jar, "POST", "/api/istio/objects/validate", routeHandler(validatePost), {
      body: { yaml: "kind: VirtualService" },
      headers: {
        host: "evil.example:3000",
        origin: "http://evil.example:3000",
        "sec-fetch-site": "same-origin",
        "x-csrf-token": csrfToken,
      },
    });
    expect(answer).toMatchObject({ reached: "proxy", status: 403 });
    expect(JSON.parse(answer.text).error.message).toContain("TOPSAIL_ALLOWED_HOSTS");
  });

  it("sends a page request from nobody to /sign-in, remembering the page, and shows pages once signed in", async () => {
    const page = (cookie?: string) =>
      proxy(new NextRequest(`${origin}/graph?namespaces=bookinfo`, { headers: cookie ? { cookie } : {} }));
    const anonymous = await page();
    expect(anonymous.status).toBe(307);
    const location = new URL(anonymous.headers.get("location") ?? "");
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("next")).toBe("/graph?namespaces=bookinfo");
    expect((await proxy(new NextRequest(`${origin}/sign-in`))).headers.get("x-middleware-next")).toBe("1");

    const jar = new CookieJar();
    await signIn(jar, "topsail-demo-alice");
    expect((await page(jar.header(origin))).headers.get("x-middleware-next")).toBe("1");
  });

  it("ends the session on sign-out", async () => {
    const jar = new CookieJar();
    await signIn(jar, "topsail-demo-bob");
    const { csrfToken, user } = JSON.parse((await session(jar)).text) as { csrfToken: string; user: string };
    expect(user).toBe("bob");
    const out = await call(jar, "POST", "/api/auth/sign-out", routeHandler(signOutPost), {
      headers: { "x-csrf-token": csrfToken },
    });
    expect(out.status).toBe(200);
    expect(jar.get(origin, "topsail_session")).toBeUndefined();
    expect(JSON.parse((await session(jar)).text)).toMatchObject({ signedIn: false });
  });
});
