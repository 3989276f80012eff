import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, fetchJson } from "./fetch-json";

// A real HTTP server on loopback answering like the Topsail API does.
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
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
