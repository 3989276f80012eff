/**
 * Whether a VirtualService HTTP rule may match a call known only from the samples' table:
 * its path, method, port and caller are known; its headers, query and authority are not (a
 * forwarded `end-user` may be anyone's). So a rule matches the call "always", "never", or
 * "maybe" — and the first rule that always matches hides the rules after it, as Istio's
 * first-match-wins order does. This answers a possibility for a budget, which is a different
 * question from routing one concrete request (lib/istio/routing/match-request.ts).
 */
import "server-only";
import { RE2JS } from "re2js";
import type { HTTPMatchRequest, HTTPRoute, StringMatch } from "@/lib/istio/types";
import { labelsMatch } from "@/server/validation/labels";

export type MatchVerdict = "always" | "maybe" | "never";

export interface KnownRequest {
  path: string;
  method: string;
  port: number;
  sourceNamespace: string;
  sourceLabels: Readonly<Record<string, string>>;
}

/** An empty StringMatch matches anything; a regex is RE2, matched against the whole value as Envoy does. */
function stringMatch(match: StringMatch, value: string, ignoreCase = false): MatchVerdict {
  const v = ignoreCase ? value.toLowerCase() : value;
  if (match.exact !== undefined)
    return v === (ignoreCase ? match.exact.toLowerCase() : match.exact) ? "always" : "never";
  if (match.prefix !== undefined)
    return v.startsWith(ignoreCase ? match.prefix.toLowerCase() : match.prefix) ? "always" : "never";
  if (match.regex !== undefined) {
    try {
      return RE2JS.compile(match.regex, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0).matches(value) ? "always" : "never";
    } catch {
      // istiod refuses such a rule (TOP0001 says so); here it neither hides nor carries the call.
      return "maybe";
    }
  }
  return "always";
}

const both = (a: MatchVerdict, b: MatchVerdict): MatchVerdict =>
  a === "never" || b === "never" ? "never" : a === "maybe" || b === "maybe" ? "maybe" : "always";

function blockVerdict(block: HTTPMatchRequest, request: KnownRequest): MatchVerdict {
  let verdict: MatchVerdict = "always";
  const path = request.path.split("?")[0] ?? request.path;
  if (block.uri) verdict = both(verdict, stringMatch(block.uri, path, block.ignoreUriCase === true));
  if (block.method) verdict = both(verdict, stringMatch(block.method, request.method));
  if (block.port !== undefined) verdict = both(verdict, block.port === request.port ? "always" : "never");
  if (block.sourceLabels)
    verdict = both(verdict, labelsMatch(block.sourceLabels, request.sourceLabels) ? "always" : "never");
  if (block.sourceNamespace !== undefined)
    verdict = both(verdict, block.sourceNamespace === request.sourceNamespace ? "always" : "never");
  // A match bound to gateways only never sees a sidecar's request.
  if (block.gateways && block.gateways.length > 0 && !block.gateways.includes("mesh")) verdict = "never";
  const unknown = [block.headers, block.withoutHeaders, block.queryParams].some(
    (m) => m !== undefined && Object.keys(m).length > 0,
  );
  if (unknown || block.authority || block.scheme) verdict = both(verdict, "maybe");
  return verdict;
}

/** Match blocks are ORed; a rule without any matches every request. */
export function ruleMayMatch(rule: HTTPRoute, request: KnownRequest): MatchVerdict {
  const blocks = rule.match ?? [];
  if (blocks.length === 0) return "always";
  const verdicts = blocks.map((b) => blockVerdict(b, request));
  if (verdicts.includes("always")) return "always";
  return verdicts.includes("maybe") ? "maybe" : "never";
}

/** The rules a call may take, in order, up to and including the first that always matches. */
export function rulesMayMatch(rules: readonly HTTPRoute[], request: KnownRequest): number[] {
  const indices: number[] = [];
  for (const [index, rule] of rules.entries()) {
    const verdict = ruleMayMatch(rule, request);
    if (verdict === "never") continue;
    indices.push(index);
    if (verdict === "always") break;
  }
  return indices;
}
