import { describe, expect, it } from "vitest";
import { parseConfig, type AuthSettings } from "@/server/config/parse-config";
import { TopsailError } from "@/server/errors";
import { peerAddressHeader } from "./proxy-addresses";
import { resolveViewer, type ResolveDeps } from "./resolve-viewer";
import { newSession } from "./session";
import { sealSession, sessionCookieName } from "./session-cookie";

const secret = "a-session-secret-of-32-characters!";

function auth(env: Record<string, string>): AuthSettings {
  const result = parseConfig(env);
  if (!result.ok) throw new Error(result.message);
  return result.config.auth;
}

function deps(settings: AuthSettings): ResolveDeps {
  return {
    auth: settings,
    consoleUserName: () => "sim-admin",
    reviewToken: async (token) => {
      if (token === "good") return { name: "bob", groups: ["viewers"] };
      throw new TopsailError("unauthenticated", "refused");
    },
  };
}

const noCookies = { headers: new Headers(), cookie: () => undefined };

describe("resolveViewer", () => {
  it("acts as the kubeconfig's user under the anonymous strategy", async () => {
    expect(await resolveViewer(noCookies, deps(auth({})))).toEqual({
      name: "sim-admin",
      groups: [],
      strategy: "anonymous",
      credential: { kind: "console" },
    });
  });

  it("finds nobody under the token strategy without a session, and the session's viewer with one", async () => {
    const settings = auth({ TOPSAIL_AUTH_STRATEGY: "token", TOPSAIL_SESSION_SECRET: secret });
    expect(await resolveViewer(noCookies, deps(settings))).toBeUndefined();
    const viewer = {
      name: "alice",
      groups: [],
      strategy: "token" as const,
      credential: { kind: "bearer" as const, token: "t" },
    };
    const sealed = await sealSession(newSession(viewer, 1), secret);
    const input = {
      headers: new Headers(),
      cookie: (name: string) => (name === sessionCookieName ? sealed : undefined),
    };
    expect(await resolveViewer(input, deps(settings))).toEqual(viewer);
  });

  it("under the header strategy, names the proxy's bearer by the cluster, and nobody for a token it refuses", async () => {
    const settings = auth({ TOPSAIL_AUTH_STRATEGY: "header", TOPSAIL_AUTH_PROXY_ADDRESSES: "10.0.0.7" });
    const from = (peer: string, token: string) => ({
      headers: new Headers({ [peerAddressHeader]: peer, authorization: `Bearer ${token}` }),
      cookie: () => undefined,
    });
    expect(await resolveViewer(from("10.0.0.7", "good"), deps(settings))).toEqual({
      name: "bob",
      groups: ["viewers"],
      strategy: "header",
      credential: { kind: "bearer", token: "good" },
    });
    expect(await resolveViewer(from("10.0.0.7", "bad"), deps(settings))).toBeUndefined();
    expect(await resolveViewer(from("10.0.0.8", "good"), deps(settings))).toBeUndefined();
  });
});
