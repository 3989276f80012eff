/**
 * A small in-process LRU for any async read, keyed by `keyOf(argument)`: concurrent callers
 * share the in-flight promise, answers are kept `ttlMs` from when they arrived, failures are
 * not kept. Used for Prometheus answers (server/graph/prometheus-cache.ts), the overview and
 * per-viewer access reviews (server/auth/viewer-access.ts).
 */
export interface CacheOptions {
  maxEntries?: number;
  ttlMs?: number;
  clock?: () => number;
}

export function cacheByKey<A, T>(
  read: (argument: A) => Promise<T>,
  keyOf: (argument: A) => string,
  options: CacheOptions = {},
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
