import { describe, expect, it } from "vitest";
import { cacheByKey } from "@/lib/cache-by-key";
import { cacheQueries, snapToBucket } from "./prometheus-cache";

describe("the Prometheus query cache", () => {
  const at = new Date(1_700_000_000_000);

  it("asks Prometheus once for the same query and time, concurrent callers included", async () => {
    let calls = 0;
    const cached = cacheQueries(async () => (calls++, [{ labels: {}, value: 1 }]));
    await Promise.all([cached("up", at), cached("up", at)]);
    await cached("up", at);
    expect(calls).toBe(1);
    await cached("up", new Date(at.getTime() + 5000));
    await cached("down", at);
    expect(calls).toBe(3);
  });

  it("asks again once the entry is older than its time to live", async () => {
    let now = 0;
    let calls = 0;
    const cached = cacheQueries(async () => (calls++, []), { ttlMs: 1000, clock: () => now });
    await cached("up", at);
    now = 1500;
    await cached("up", at);
    expect(calls).toBe(2);
  });

  it("forgets failures so the next refresh retries", async () => {
    let calls = 0;
    const cached = cacheQueries(async () => {
      calls++;
      throw new Error("down");
    });
    await expect(cached("up", at)).rejects.toThrow("down");
    await expect(cached("up", at)).rejects.toThrow("down");
    expect(calls).toBe(2);
  });

  it("evicts the least recently used entry beyond its size", async () => {
    let calls = 0;
    const cached = cacheQueries(async () => (calls++, []), { maxEntries: 2 });
    await cached("a", at);
    await cached("b", at);
    await cached("a", at);
    await cached("c", at);
    await cached("a", at);
    expect(calls).toBe(3);
    await cached("b", at);
    expect(calls).toBe(4);
  });

  it("snaps a time to the start of its bucket", () => {
    expect(snapToBucket(new Date(12_345), 5).getTime()).toBe(10_000);
  });
});

describe("the cache's time to live", () => {
  it("counts from the answer, so a slow read is not stale when it arrives", async () => {
    let now = 0;
    let calls = 0;
    let release: () => void = () => undefined;
    const cached = cacheByKey(
      () => (calls++, new Promise<number>((r) => (release = () => r(1)))),
      (k: string) => k,
      { ttlMs: 1000, clock: () => now },
    );
    const first = cached("state");
    now = 5000; // the read took five seconds
    release();
    await first;
    now = 5500;
    await cached("state");
    expect(calls).toBe(1);
  });
});
