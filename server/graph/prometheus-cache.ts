/**
 * A small in-process LRU in front of Prometheus. The graph page refreshes every few
 * seconds and several users often look at the same namespaces: identical queries for the
 * same evaluation time are answered once (concurrent callers share the in-flight promise)
 * and kept for a short time. Callers snap "now" to a bucket (see `snapToBucket`) so that
 * refreshes within one bucket ask the very same question.
 */
import "server-only";
import { cacheByKey, type CacheOptions } from "@/lib/cache-by-key";
import type { PromSample } from "@/server/adapters/prometheus";

export type QueryFn = (promql: string, time: Date) => Promise<PromSample[]>;

export type QueryCacheOptions = CacheOptions;

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
