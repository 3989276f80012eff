import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { fetchGraphLayout } from "./graph-layout";

// A loopback server answering the layout route as the console does; the page's paths are relative.
let server: Server;
let posts = 0;
let failNext = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/api/auth/session")
      return res.end(
        JSON.stringify({ signedIn: false, user: null, groups: [], strategy: "anonymous", csrfToken: null }),
      );
    posts += 1;
    if (failNext) {
      failNext = false;
      res.statusCode = 503;
      return res.end(JSON.stringify({ error: { code: "unavailable", message: "try again" } }));
    }
    res.end(JSON.stringify({ positions: [{ id: "a", x: 0, y: 0 }], boxes: [], routes: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const realFetch = globalThis.fetch;
  vi.stubGlobal("fetch", (url: string, init?: RequestInit) => realFetch(`${base}${url}`, init));
});

afterAll(() => {
  vi.unstubAllGlobals();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  posts = 0;
});

const nodes = (...ids: string[]) => ids.map((id) => ({ id }));

describe("fetchGraphLayout", () => {
  it("asks once for the same nodes and calls, however often it is asked", async () => {
    const early = fetchGraphLayout(nodes("a", "b"), [{ source: "a", target: "b" }]);
    const again = fetchGraphLayout(nodes("a", "b"), [{ id: undefined, source: "a", target: "b" }]);
    expect(again).toBe(early);
    expect((await again).positions.get("a")).toEqual({ x: 0, y: 0 });
    expect(posts).toBe(1);
    await fetchGraphLayout(nodes("a", "c"), [{ source: "a", target: "c" }]);
    expect(posts).toBe(2);
  });

  it("asks again after a request failed", async () => {
    failNext = true;
    await expect(fetchGraphLayout(nodes("x"), [])).rejects.toMatchObject({ status: 503 });
    await expect(fetchGraphLayout(nodes("x"), [])).resolves.toBeDefined();
    expect(posts).toBe(2);
  });
});
