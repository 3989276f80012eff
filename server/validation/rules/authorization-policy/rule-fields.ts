/**
 * The parts of an AuthorizationPolicy's rules the checks read, each with its path in Kiali's
 * form (`spec/rules[0]/from[1]/source`). Users hand in unchecked YAML, so every list is
 * read only when it is a list and every value only when it is a string.
 */
import "server-only";
import type { AuthorizationOperation, AuthorizationPolicy, AuthorizationSource } from "@/lib/istio/types";

export interface Located<T> {
  value: T;
  path: string;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function objectOf<T>(value: unknown): T | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as T) : undefined;
}

function rulesOf(policy: AuthorizationPolicy): Array<{ rule: Record<string, unknown>; path: string }> {
  return listOf(policy.spec?.rules).flatMap((rule, i) => {
    const typed = objectOf<Record<string, unknown>>(rule);
    return typed ? [{ rule: typed, path: `spec/rules[${i}]` }] : [];
  });
}

/** Every `from[].source` of every rule. */
export function sourcesOf(policy: AuthorizationPolicy): Located<AuthorizationSource>[] {
  return rulesOf(policy).flatMap(({ rule, path }) =>
    listOf(rule.from).flatMap((from, j) => {
      const source = objectOf<AuthorizationSource>(objectOf<{ source?: unknown }>(from)?.source);
      return source ? [{ value: source, path: `${path}/from[${j}]/source` }] : [];
    }),
  );
}

/** Every `to[].operation` of every rule. */
export function operationsOf(policy: AuthorizationPolicy): Located<AuthorizationOperation>[] {
  return rulesOf(policy).flatMap(({ rule, path }) =>
    listOf(rule.to).flatMap((to, j) => {
      const operation = objectOf<AuthorizationOperation>(objectOf<{ operation?: unknown }>(to)?.operation);
      return operation ? [{ value: operation, path: `${path}/to[${j}]/operation` }] : [];
    }),
  );
}

/** Every `when[]` condition of every rule, with its key. */
export function conditionsOf(policy: AuthorizationPolicy): Located<{ key: string }>[] {
  return rulesOf(policy).flatMap(({ rule, path }) =>
    listOf(rule.when).flatMap((condition, k) => {
      const key = objectOf<{ key?: unknown }>(condition)?.key;
      return typeof key === "string" ? [{ value: { key }, path: `${path}/when[${k}]` }] : [];
    }),
  );
}

/** The strings of a list field (`namespaces`, `hosts`…), each with its path (`…/namespaces[2]`). */
export function stringsOf(parent: Located<object>, field: string): Located<string>[] {
  return listOf((parent.value as Record<string, unknown>)[field]).flatMap((entry, k) =>
    typeof entry === "string" ? [{ value: entry, path: `${parent.path}/${field}[${k}]` }] : [],
  );
}

/**
 * Istio's string match for policy fields: exact, `prefix*`, `*suffix`, or `*` (any value).
 * Returns whether `pattern` matches `value`.
 */
export function policyStringMatches(pattern: string, value: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith("*")) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith("*")) return value.endsWith(pattern.slice(1));
  return pattern === value;
}
