/**
 * Request routing: owns the list of HTTP rules — their order, their matches (headers
 * exact/prefix/regex, uri, method) and their weighted routes. Each rule the user keeps is
 * edited in place, so its other fields (timeout, retries, fault, mirror, rewrite, headers…)
 * survive; a rule is identified by `sourceIndex` when the form sends it, else by its matches.
 * Rules the form cannot show (other match fields, routes elsewhere, redirects) make the
 * reader step aside: the YAML editor is the place for them.
 */
import "server-only";
import { isDeepStrictEqual } from "node:util";
import {
  httpMethods,
  stringMatchTypes,
  type RequestRoutingInput,
  type RouteMatchInput,
  type RoutingRuleInput,
  type StringMatchInput,
} from "@/lib/contracts/traffic";
import type { HTTPMatchRequest, HTTPRoute, StringMatch } from "@/lib/istio/types";
import {
  invalidInput,
  readRouteDestinations,
  startVirtualService,
  toRouteDestinations,
  unsupported,
  withSubsets,
  type WizardBuilt,
  type WizardExisting,
  type WizardReading,
  type WizardUnsupported,
} from "./common";

const toStringMatch = (m: StringMatchInput): StringMatch => ({ [m.type]: m.value });

export function toMatchRequest(m: RouteMatchInput): HTTPMatchRequest {
  const out: HTTPMatchRequest = {};
  if (m.headers.length > 0) out.headers = Object.fromEntries(m.headers.map((h) => [h.name, toStringMatch(h)]));
  if (m.uri) out.uri = toStringMatch(m.uri);
  if (m.method) out.method = { exact: m.method };
  return out;
}

function readStringMatch(match: StringMatch | undefined): StringMatchInput | undefined {
  const entries = Object.entries(match ?? {});
  const [type, value] = entries[0] ?? [];
  if (entries.length !== 1 || typeof value !== "string" || value === "") return undefined;
  const known = stringMatchTypes.find((t) => t === type);
  return known ? { type: known, value } : undefined;
}

function readMatch(m: HTTPMatchRequest, where: string): RouteMatchInput | WizardUnsupported {
  const extra = Object.keys(m).filter((k) => k !== "headers" && k !== "uri" && k !== "method");
  if (extra.length > 0) return unsupported(`${where} matches on ${extra.join(", ")}, which the wizard does not show`);
  const headers: RouteMatchInput["headers"] = [];
  for (const [name, value] of Object.entries(m.headers ?? {})) {
    const read = readStringMatch(value);
    if (!read)
      return unsupported(
        `${where} matches header ${name} by presence or by an empty value, which the wizard does not show`,
      );
    headers.push({ name, ...read });
  }
  const uri = m.uri ? readStringMatch(m.uri) : undefined;
  if (m.uri && !uri) return unsupported(`${where} has a uri match the wizard does not show`);
  const method = m.method ? httpMethods.find((x) => x === m.method?.exact) : undefined;
  if (m.method && !method) return unsupported(`${where} matches the method by something other than one exact verb`);
  return { headers, uri: uri ?? null, method: method ?? null };
}

export function readRequestRouting(existing: WizardExisting): WizardReading<RequestRoutingInput> {
  const http = existing.virtualService?.spec?.http ?? [];
  if (http.length === 0)
    return { supported: true, input: { rules: [{ matches: [], routes: [{ subset: null, weight: 100 }] }] } };
  const rules: RoutingRuleInput[] = [];
  for (const [index, rule] of http.entries()) {
    const where = `HTTP rule ${index + 1}`;
    const routes = readRouteDestinations(rule.route, existing.service, where);
    if (!Array.isArray(routes)) return routes;
    const matches: RouteMatchInput[] = [];
    for (const m of rule.match ?? []) {
      const read = readMatch(m, where);
      if ("supported" in read) return read;
      matches.push(read);
    }
    rules.push({ sourceIndex: index, matches, routes });
  }
  return { supported: true, input: { rules } };
}

function baseRuleIndex(
  live: HTTPRoute[],
  rule: RoutingRuleInput,
  match: HTTPMatchRequest[],
  used: Set<number>,
  field: string,
): number {
  if (rule.sourceIndex !== undefined) {
    if (rule.sourceIndex >= live.length)
      throw invalidInput(
        `${field}.sourceIndex`,
        `the VirtualService has ${live.length} HTTP rules, there is no rule ${rule.sourceIndex + 1}`,
      );
    if (used.has(rule.sourceIndex))
      throw invalidInput(`${field}.sourceIndex`, `rule ${rule.sourceIndex + 1} is edited by two rules`);
    return rule.sourceIndex;
  }
  return live.findIndex((r, j) => !used.has(j) && isDeepStrictEqual(r.match ?? [], match));
}

export function buildRequestRouting(existing: WizardExisting, input: RequestRoutingInput): WizardBuilt {
  const vs = startVirtualService(existing);
  const live = existing.virtualService?.spec?.http ?? [];
  const used = new Set<number>();
  const http = input.rules.map((rule, i): HTTPRoute => {
    const match = rule.matches.map(toMatchRequest);
    const index = baseRuleIndex(live, rule, match, used, `rules.${i}`);
    if (index >= 0) used.add(index);
    const base: HTTPRoute = index >= 0 ? structuredClone(live[index] ?? {}) : {};
    // An unchanged match keeps its own spelling, so the diff shows only what the user changed.
    if (match.length === 0) delete base.match;
    else if (!isDeepStrictEqual(base.match, match)) base.match = match;
    return { ...base, route: toRouteDestinations(rule.routes, base.route, existing.service) };
  });
  const subsets = input.rules.flatMap((r) =>
    r.routes.flatMap((route) => (route.subset === null ? [] : [route.subset])),
  );
  const destinationRule = withSubsets(existing, subsets, "rules");
  vs.spec = { ...vs.spec, http };
  return { virtualService: vs, destinationRule };
}
