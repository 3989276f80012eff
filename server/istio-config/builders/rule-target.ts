/**
 * The HTTP rule a fault, a timeout or a mirror goes on. The catch-all rule takes the requests no
 * other rule matches (the forms say so: components/traffic/rule-target-fields.tsx);
 * a header target (`end-user` exact `jason`) is the rule whose only match is that header.
 * When that rule does not exist the wizard adds it — named `topsail-…`, routed like the
 * catch-all, first in the list so it sees every matching request — and takes it away again
 * once it carries nothing but its match and route, so removing a fault restores the spec.
 */
import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { RuleTarget } from "@/lib/contracts/traffic";
import type { HTTPMatchRequest, HTTPRoute, VirtualService } from "@/lib/istio/types";
import { catchAllIndex, isCatchAll, plainRoute, unsupported, type ServiceRef, type WizardUnsupported } from "./common";

export function targetMatch(target: Extract<RuleTarget, { kind: "header" }>): HTTPMatchRequest[] {
  return [{ headers: { [target.name]: { [target.type]: target.value } } }];
}

export function targetRuleName(target: Extract<RuleTarget, { kind: "header" }>): string {
  const slug = `${target.name}-${target.value}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `topsail-${slug}`.slice(0, 63);
}

export function findTargetRule(http: HTTPRoute[], target: RuleTarget): number {
  if (target.kind === "all") return catchAllIndex(http);
  const wanted = targetMatch(target);
  return http.findIndex((rule) => isDeepStrictEqual(rule.match, wanted));
}

/** The index of the target rule in `http`, adding the rule when it is missing. */
export function ensureTargetRule(
  vs: VirtualService,
  target: RuleTarget,
  service: ServiceRef,
): { http: HTTPRoute[]; index: number } {
  const http: HTTPRoute[] = vs.spec?.http ?? [];
  // A VirtualService with no HTTP rule yet (a new one) first gets the route Kubernetes would take.
  if (http.length === 0) http.push({ route: plainRoute(service) });
  vs.spec = { ...vs.spec, http };
  const found = findTargetRule(http, target);
  if (found >= 0) return { http, index: found };
  const catchAll = http[catchAllIndex(http)];
  if (target.kind === "all") return { http, index: http.push({ route: plainRoute(service, catchAll) }) - 1 };
  http.unshift({ name: targetRuleName(target), match: targetMatch(target), route: plainRoute(service, catchAll) });
  return { http, index: 0 };
}

/** Removes a rule the wizard added once it holds nothing of its own any more. */
export function dropBareTargetRule(http: HTTPRoute[], index: number, target: RuleTarget): void {
  if (target.kind === "all") return;
  const rule = http[index];
  if (!rule || rule.name !== targetRuleName(target)) return;
  const ownFields = Object.keys(rule).filter((k) => k !== "name" && k !== "match" && k !== "route");
  const catchAll = http[catchAllIndex(http)];
  if (ownFields.length === 0 && (!catchAll || isDeepStrictEqual(rule.route, catchAll.route))) http.splice(index, 1);
}

/**
 * Where the wizard's form starts: the first rule that carries the field, as a target the
 * form can show, or "all traffic" when no rule has it yet.
 */
export function readTarget(
  http: HTTPRoute[],
  has: (rule: HTTPRoute) => boolean,
  what: string,
): { target: RuleTarget; rule: HTTPRoute | undefined } | WizardUnsupported {
  const index = http.findIndex(has);
  const rule = http[index];
  if (!rule) return { target: { kind: "all" }, rule: undefined };
  if (isCatchAll(rule)) return { target: { kind: "all" }, rule };
  const [only, ...more] = rule.match ?? [];
  const headers = Object.entries(only?.headers ?? {});
  const [name, match] = headers[0] ?? [];
  const onlyHeaders = only && Object.keys(only).every((k) => k === "headers");
  const types = Object.entries(match ?? {}).filter(([, v]) => typeof v === "string");
  const [type, value] = types[0] ?? [];
  if (
    more.length > 0 ||
    !onlyHeaders ||
    headers.length !== 1 ||
    !name ||
    types.length !== 1 ||
    (type !== "exact" && type !== "prefix" && type !== "regex") ||
    typeof value !== "string"
  ) {
    return unsupported(
      `HTTP rule ${index + 1} has ${what} on a match the wizard cannot show (it shows all traffic or one header)`,
    );
  }
  return { target: { kind: "header", name, type, value }, rule };
}
