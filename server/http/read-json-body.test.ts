import { describe, expect, it } from "vitest";
import { z } from "zod";
import { TopsailError } from "@/server/errors";
import { readJsonBody } from "./read-json-body";

const schema = z.object({ name: z.string().min(1), weight: z.number().int().min(0).max(100) });

function post(body: string, contentType = "application/json") {
  return new Request("http://127.0.0.1/api/x", { method: "POST", headers: { "content-type": contentType }, body });
}

async function failure(promise: Promise<unknown>): Promise<TopsailError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof TopsailError)) throw new Error("expected a TopsailError");
  return error;
}

describe("readJsonBody", () => {
  it("returns the parsed body when it matches the schema", async () => {
    expect(await readJsonBody(post('{"name":"v1","weight":50}'), schema)).toEqual({ name: "v1", weight: 50 });
  });

  it("names the field and the rule when the body does not match", async () => {
    const error = await failure(readJsonBody(post('{"name":"v1","weight":150}'), schema));
    expect(error.code).toBe("bad_request");
    expect(error.message).toContain("weight");
  });

  it("says the body is not JSON", async () => {
    const error = await failure(readJsonBody(post("{name:"), schema));
    expect(error.message).toMatch(/not valid JSON/);
  });

  it("refuses other content types", async () => {
    const error = await failure(readJsonBody(post("name=v1", "application/x-www-form-urlencoded"), schema));
    expect(error.code).toBe("unsupported_media_type");
  });

  it("stops reading at the size limit", async () => {
    const error = await failure(readJsonBody(post(JSON.stringify({ name: "x".repeat(200), weight: 1 })), schema, 64));
    expect(error.code).toBe("payload_too_large");
  });
});
