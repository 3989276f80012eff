/**
 * An AuthorizationPolicy rule in words, for the policy's detail page: who it is from, what it is to, and when — each
 * a list of alternatives (any one may hold), each alternative a list of conditions (all must hold), as Istio reads a
 * rule (istio/api security/v1/authorization_policy.proto): entries of `from` (or of `to`) are ORed, the fields of one
 * entry are ANDed, a field holds when one of its values matches and none of its `not` values does; `when` conditions
 * are all ANDed. Values read as Istio matches them: `*` any value, `prefix*`, `*suffix`, else exactly.
 */
import "server-only";
import type { AuthorizationAction, AuthorizationRule } from "@/lib/istio/types";

export interface RuleInWords {
  /** One phrase per `from` entry; empty: any caller. */
  from: string[];
  /** One phrase per `to` entry; empty: any request. */
  to: string[];
  /** One phrase per `when` condition. */
  when: string[];
  /** The whole rule as one sentence. */
  sentence: string;
}

function value(pattern: string): string {
  if (pattern === "*") return "any value";
  if (pattern.length > 1 && pattern.endsWith("*")) return `${pattern.slice(0, -1)}…`;
  if (pattern.length > 1 && pattern.startsWith("*")) return `…${pattern.slice(1)}`;
  return pattern;
}

/** `GET or POST`; three or more: `a, b or c`. */
function alternatives(values: readonly string[]): string {
  const words = values.map(value);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words.at(-1) ?? ""}`;
}

/** A field's values and `not` values as conditions: `method is GET or HEAD`, `path is not /admin…`. */
function field(name: string, values?: readonly string[], notValues?: readonly string[]): string[] {
  const out: string[] = [];
  if (values?.length) out.push(`${name} is ${alternatives(values)}`);
  if (notValues?.length) out.push(`${name} is not ${alternatives(notValues)}`);
  return out;
}

const all = (conditions: string[], none: string) => (conditions.length === 0 ? none : conditions.join(" and "));

export function describeAuthorizationRule(rule: AuthorizationRule): RuleInWords {
  const from = (rule.from ?? []).map(({ source: s = {} }) =>
    all(
      [
        ...field("principal", s.principals, s.notPrincipals),
        ...field("namespace", s.namespaces, s.notNamespaces),
        ...field("request principal (JWT)", s.requestPrincipals, s.notRequestPrincipals),
        ...field("source IP", s.ipBlocks, s.notIpBlocks),
        ...field("remote IP", s.remoteIpBlocks, s.notRemoteIpBlocks),
      ],
      "any caller",
    ),
  );
  const to = (rule.to ?? []).map(({ operation: o = {} }) =>
    all(
      [
        ...field("host", o.hosts, o.notHosts),
        ...field("port", o.ports, o.notPorts),
        ...field("method", o.methods, o.notMethods),
        ...field("path", o.paths, o.notPaths),
      ],
      "any request",
    ),
  );
  const when = (rule.when ?? []).map((c) =>
    all(field(c.key ?? "(no key)", c.values, c.notValues), `${c.key} (no values)`),
  );
  const fromText = from.length === 0 ? "any caller" : from.map((f) => `(${f})`).join(" or ");
  const toText = to.length === 0 ? "any request" : to.map((t) => `(${t})`).join(" or ");
  const whenText = when.length === 0 ? "" : `, when ${when.join(" and ")}`;
  return { from, to, when, sentence: `from ${fromText}, to ${toText}${whenText}` };
}

const ACTION_VERBS: Record<AuthorizationAction, string> = {
  ALLOW: "Allows",
  DENY: "Denies",
  AUDIT: "Audits",
  CUSTOM: "Asks the external authorizer about",
};

/** The policy's effect in one line: what an ALLOW with no rule means is said outright. */
export function describeAuthorizationPolicy(action: AuthorizationAction, rules: readonly AuthorizationRule[]): string {
  if (rules.length === 0)
    return action === "ALLOW"
      ? "Allows nothing: an ALLOW policy without rules denies every request to the workloads it selects."
      : `${ACTION_VERBS[action]} nothing: a policy without rules matches no request.`;
  return `${ACTION_VERBS[action]} requests that match any of its ${rules.length} rule${rules.length === 1 ? "" : "s"}.`;
}
