import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, fetchJson, forgetCsrfToken, prefetchCsrfToken } from "./fetch-json";

// A real HTTP server on loopback answering like the Topsail API does.
let server: Server;
let base: string;
/** What the server was asked, in order: method, path and the CSRF header. */
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers["x-csrf-token"] ?? "-"}`);
    res.setHeader("content-type", "application/json");
    if (req.url === "/api/auth/session")
      return res.end(
        JSON.stringify({ signedIn: true, user: "alice", groups: [], strategy: "token", csrfToken: "t0ken" }),
      );
    if (req.url === "/api/graph/layout") return res.end(JSON.stringify({ name: "laid out" }));
    if (req.url === "/ok") return res.end(JSON.stringify({ name: "bookinfo" }));
    if (req.url === "/conflict") {
      res.statusCode = 409;
      return res.end(JSON.stringify({ error: { code: "conflict", message: "the object has been modified" } }));
    }
    if (req.url === "/wrong-shape") return res.end(JSON.stringify({ nom: 1 }));
    res.statusCode = 502;
    res.end("<html>bad gateway</html>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const schema = z.object({ name: z.string() });

describe("fetchJson", () => {
  it("returns the validated body", async () => {
    expect(await fetchJson(`${base}/ok`, schema)).toEqual({ name: "bookinfo" });
  });

  it("rebuilds the server's typed error", async () => {
    const error = await fetchJson(`${base}/conflict`, schema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "conflict", status: 409, message: "the object has been modified" });
  });

  it("reports a body that breaks the contract", async () => {
    await expect(fetchJson(`${base}/wrong-shape`, schema)).rejects.toMatchObject({ code: "contract" });
  });

  it("reports a non-JSON error page by its status", async () => {
    await expect(fetchJson(`${base}/other`, schema)).rejects.toMatchObject({ code: "http", status: 502 });
  });
});

describe("the CSRF token of writes", () => {
  // The page's API paths are relative: sent to the loopback server.
  const realFetch = globalThis.fetch;
  beforeEach(() => {
    seen.length = 0;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    forgetCsrfToken();
  });
  const onLoopback = () =>
    vi.stubGlobal("fetch", (url: string, init?: RequestInit) => realFetch(`${base}${url}`, init));

  it("is fetched ahead when asked, so the write goes out without another round trip", async () => {
    onLoopback();
    prefetchCsrfToken();
    await vi.waitFor(() => expect(seen).toEqual(["GET /api/auth/session -"]));
    const answer = await fetchJson("/api/graph/layout", schema, { method: "POST", body: "{}" });
    expect(answer).toEqual({ name: "laid out" });
    expect(seen).toEqual(["GET /api/auth/session -", "POST /api/graph/layout t0ken"]);
  });

  it("once it has arrived, lets the write go out in the task that asks for it", async () => {
    const asked: string[] = [];
    vi.stubGlobal("fetch", (url: string, init?: RequestInit) => {
      asked.push(`${init?.method ?? "GET"} ${url}`);
      return realFetch(`${base}${url}`, init);
    });
    prefetchCsrfToken();
    await vi.waitFor(() => expect(seen).toEqual(["GET /api/auth/session -"]));
    const answer = fetchJson("/api/graph/layout", schema, { method: "POST", body: "{}" });
    // Nothing awaited yet: the request has already been handed to fetch.
    expect(asked).toEqual(["GET /api/auth/session", "POST /api/graph/layout"]);
    expect(await answer).toEqual({ name: "laid out" });
    expect(seen).toEqual(["GET /api/auth/session -", "POST /api/graph/layout t0ken"]);
  });

  it("is otherwise fetched by the first write, before it", async () => {
    onLoopback();
    await fetchJson("/api/graph/layout", schema, { method: "POST", body: "{}" });
    expect(seen).toEqual(["GET /api/auth/session -", "POST /api/graph/layout t0ken"]);
  });
});
