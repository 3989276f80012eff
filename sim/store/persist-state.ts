/**
 * Optional persistence of the whole store to one JSON file. Writes are debounced and
 * atomic (temporary file + rename), so a crash leaves either the old or the new state,
 * never half of one; `flush()` on a clean stop writes whatever is pending.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { MemoryStore, StoreState } from "./memory-store";

export function loadState(path: string): StoreState | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<StoreState>;
  if (typeof parsed.resourceVersion !== "number" || !Array.isArray(parsed.objects))
    throw new Error(`${path} is not a simulator state file`);
  return { resourceVersion: parsed.resourceVersion, objects: parsed.objects };
}

export function saveState(path: string, state: StoreState): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, path);
}

export interface Persister {
  flush(): void;
  stop(): void;
}

export function persistOnChange(memory: MemoryStore, path: string, debounceMs = 250): Persister {
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    saveState(path, memory.exportState());
  };
  const unsubscribe = memory.onChange(() => {
    dirty = true;
    timer ??= setTimeout(flush, debounceMs);
  });
  return {
    flush,
    stop: () => {
      unsubscribe();
      flush();
    },
  };
}
