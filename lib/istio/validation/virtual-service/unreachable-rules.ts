/**
 * Warnings for rules that can never match: a catch-all that is not last, or a rule whose
 * every match already appeared in an earlier rule. Matches compare by value, ignoring names,
 * as istiod does (it compares JSON serialisations).
 */
import type { HTTPMatchRequest, HTTPRoute, L4MatchAttributes } from "../../types";
import { MESSAGES as M } from "../messages";
import type { Findings } from "../types";

type Rule = { name?: string; match?: Array<HTTPMatchRequest | L4MatchAttributes> };

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([k, v]) => v !== undefined && k !== "name",
    );
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function ruleName(rule: Rule, i: number, named: boolean): string {
  return named && rule.name ? JSON.stringify(rule.name) : `#${i}`;
}

function matchName(match: HTTPMatchRequest | L4MatchAttributes, i: number, named: boolean): string {
  const name = named ? (match as HTTPMatchRequest).name : undefined;
  return name ? JSON.stringify(name) : `#${i}`;
}

export function checkUnreachableRules(f: Findings, listPath: string, rules: Rule[] | undefined, named: boolean): void {
  const seen = new Map<string, number>();
  let catchAll = -1;
  (rules ?? []).forEach((rule, i) => {
    if (!rule) return;
    const path = `${listPath}[${i}]`;
    const matches = rule.match ?? [];
    if (matches.length === 0) {
      if (catchAll >= 0)
        f.warn(path, M.ruleNotUsed(ruleName(rule, i, named), "only the last rule can have no matches"));
      catchAll = i;
      return;
    }
    let duplicates = 0;
    matches.forEach((m, j) => {
      const key = stableJson(m);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        const earlierRule = (rules ?? [])[earlier] as Rule;
        f.warn(
          `${path}/match[${j}]`,
          M.matchNotUsed(ruleName(rule, i, named), matchName(m, j, named), ruleName(earlierRule, earlier, named)),
        );
        duplicates++;
      } else {
        seen.set(key, i);
      }
    });
    if (duplicates === matches.length)
      f.warn(path, M.ruleNotUsed(ruleName(rule, i, named), "all matches used by prior rules"));
  });
}

export function checkUnreachableHttpRules(f: Findings, rules: HTTPRoute[] | undefined): void {
  checkUnreachableRules(f, "spec/http", rules, true);
}
