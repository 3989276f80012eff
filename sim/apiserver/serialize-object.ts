/**
 * JSON text of stored objects, cached per object. Stored objects are never mutated (every
 * write stores a fresh one), so an object's text never goes stale; a large list and a
 * watch event fanned out to many watchers serialise each object once.
 */
import type { KubeObject } from "../store/types";

const cache = new WeakMap<KubeObject, string>();

export function serializeObject(object: KubeObject): string {
  let text = cache.get(object);
  if (text === undefined) {
    text = JSON.stringify(object);
    cache.set(object, text);
  }
  return text;
}

/** A list body built from cached item texts: `{"kind":…,"metadata":…,"items":[…]}`. */
export function serializeList(head: Record<string, unknown>, items: KubeObject[]): string {
  const prefix = JSON.stringify(head).slice(0, -1);
  return `${prefix}${Object.keys(head).length > 0 ? "," : ""}"items":[${items.map(serializeObject).join(",")}]}`;
}
