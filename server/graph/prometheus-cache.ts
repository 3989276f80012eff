/**
 * A small in-process LRU in front of Prometheus. The graph page refreshes every few
 * seconds and several users often look at the same namespaces: identical queries for the
 * same evaluation time are answered once (concurrent callers share the in-flight promise)
 * and kept for a short time. Callers snap "now" to a bucket (see `snapToBucket`) so that
 * refreshes within one bucket ask the very same question.
 */
import "server-only";
import type { PromSample } from "@/server/adapters/prometheus";

export type QueryFn = (promql: string, time: Date) => Promise<PromSample[]>;

export interface QueryCacheOptions {
  maxEntries?: number;
  ttlMs?: number;
  clock?: () => number;
}

export function snapToBucket(date: Date, bucketSeconds: number): Date {
  const ms = bucketSeconds * 1000;
  return new Date(Math.floor(date.getTime() / ms) * ms);
}

export function cacheQueries(query: QueryFn, options: QueryCacheOptions = {}): QueryFn {
  const cached = cacheByKey(
    (args: [string, Date]) => query(args[0], args[1]),
    ([promql, time]) => `${time.getTime()}|${promql}`,
    options,
  );
  return (promql, time) => cached([promql, time]);
}

/** The same LRU for any async read, keyed by `keyOf(argument)`. */
export function cacheByKey<A, T>(
  read: (argument: A) => Promise<T>,
  keyOf: (argument: A) => string,
  options: QueryCacheOptions = {},
): (argument: A) => Promise<T> {
  const maxEntries = options.maxEntries ?? 1000;
  const ttlMs = options.ttlMs ?? 10_000;
  const clock = options.clock ?? Date.now;
  // `at` is undefined while the read is in flight (every caller shares it), then the time it
  // answered: a slow read (a big cluster, a loaded Prometheus) is not stale on arrival.
  const entries = new Map<string, { at: number | undefined; value: Promise<T> }>();
  return (argument) => {
    const key = keyOf(argument);
    const now = clock();
    const hit = entries.get(key);
    if (hit && (hit.at === undefined || now - hit.at < ttlMs)) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      entries.delete(key);
      entries.set(key, hit);
      return hit.value;
    }
    const value = read(argument);
    const entry: { at: number | undefined; value: Promise<T> } = { at: undefined, value };
    entries.set(key, entry);
    value.then(
      () => (entry.at = clock()),
      // A failure is not an answer: forget it so the next refresh asks again.
      () => entries.get(key) === entry && entries.delete(key),
    );
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
    return value;
  };
}
