import { afterAll, describe, expect, it } from "vitest";

// Set before the configuration is first read (server/config caches it per process).
const saved = { ...process.env };
process.env.TOPSAIL_AUTH_STRATEGY = "token";
process.env.TOPSAIL_SESSION_SECRET = "a-session-secret-of-32-characters!";
const { respond } = await import("./to-error-response");

afterAll(() => {
  process.env = saved;
});

describe("respond under a sign-in strategy", () => {
  it("answers 401 unauthenticated, pointing at /sign-in, and does not run the work for nobody", async () => {
    let ran = false;
    const response = await respond(async () => {
      ran = true;
      return {};
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in at /sign-in" } });
    expect(ran).toBe(false);
  });
});
