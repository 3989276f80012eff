/**
 * Strategic merge patch for built-in kinds, as kubectl apply and `kubectl patch` send it:
 * lists with a merge key (containers by name, ports by containerPort, ...) merge item by
 * item, other lists replace, and the directives `$patch` (replace/delete/merge),
 * `$retainKeys`, `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>` are honoured.
 * Merge keys come from the resource registry, keyed by dotted path without list indices.
 */
import { isPlainObject, type JsonObject } from "./json-value";

/** Primitive lists that merge as sets rather than replace (patchStrategy: merge). */
const SET_LISTS = new Set(["metadata.finalizers"]);

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value))
    return value.filter((v) => !(isPlainObject(v) && v.$patch === "delete")).map(stripDirectives);
  if (!isPlainObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith("$")) out[k] = stripDirectives(v);
  return out;
}

function mergeList(
  original: unknown[],
  patch: unknown[],
  key: string,
  path: string,
  mergeKeys: Record<string, string>,
): unknown[] {
  if (patch.some((p) => isPlainObject(p) && p.$patch === "replace"))
    return stripDirectives(patch.filter((p) => !(isPlainObject(p) && p.$patch === "replace"))) as unknown[];
  const result = [...original];
  for (const item of patch) {
    if (!isPlainObject(item)) continue;
    const index = result.findIndex((o) => isPlainObject(o) && o[key] === item[key]);
    if (item.$patch === "delete") {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) result[index] = mergeObject(result[index], item, path, mergeKeys);
    else result.push(stripDirectives(item));
  }
  return result;
}

function orderList(list: unknown[], order: unknown[], key: string | undefined): unknown[] {
  const id = (v: unknown): unknown => (key && isPlainObject(v) ? v[key] : v);
  const rank = new Map(order.map((v, i) => [id(v), i]));
  return [...list].sort((a, b) => (rank.get(id(a)) ?? Infinity) - (rank.get(id(b)) ?? Infinity));
}

export function mergeObject(
  original: unknown,
  patch: unknown,
  path: string,
  mergeKeys: Record<string, string>,
): unknown {
  if (!isPlainObject(patch)) return patch;
  if (patch.$patch === "replace") return stripDirectives(patch);
  const base: JsonObject = isPlainObject(original) ? { ...original } : {};
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as unknown[]);
    for (const k of Object.keys(base)) if (!keep.has(k)) delete base[k];
  }
  const orders: [string, unknown[]][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith("$setElementOrder/")) {
      if (Array.isArray(value)) orders.push([key.slice("$setElementOrder/".length), value]);
      continue;
    }
    if (key.startsWith("$deleteFromPrimitiveList/")) {
      const field = key.slice("$deleteFromPrimitiveList/".length);
      const remove = new Set(Array.isArray(value) ? value : []);
      if (Array.isArray(base[field])) base[field] = (base[field] as unknown[]).filter((v) => !remove.has(v));
      continue;
    }
    if (key.startsWith("$")) continue;
    const childPath = path ? `${path}.${key}` : key;
    if (value === null || (isPlainObject(value) && value.$patch === "delete")) {
      delete base[key];
    } else if (Array.isArray(value)) {
      const mergeKey = mergeKeys[childPath];
      const current = Array.isArray(base[key]) ? (base[key] as unknown[]) : [];
      if (mergeKey) base[key] = mergeList(current, value, mergeKey, childPath, mergeKeys);
      else if (SET_LISTS.has(childPath)) base[key] = [...current, ...value.filter((v) => !current.includes(v))];
      else base[key] = stripDirectives(value);
    } else if (isPlainObject(value)) {
      base[key] = mergeObject(base[key], value, childPath, mergeKeys);
    } else base[key] = value;
  }
  for (const [field, order] of orders) {
    const childPath = path ? `${path}.${field}` : field;
    if (Array.isArray(base[field])) base[field] = orderList(base[field] as unknown[], order, mergeKeys[childPath]);
  }
  return base;
}

export function applyStrategicMergePatch(target: unknown, patch: unknown, mergeKeys: Record<string, string>): unknown {
  return mergeObject(target, patch, "", mergeKeys);
}
