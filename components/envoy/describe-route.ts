/** Envoy routes in words for the Envoy tab: a route's conditions and what it does, as short as istioctl's columns. */
import type { EnvoyRoute, HeaderMatch, RouteAction, RouteMatch } from "@/lib/contracts/envoy";

const operator: Record<HeaderMatch["kind"], string> = {
  exact: "=",
  prefix: "^=",
  suffix: "$=",
  contains: "*=",
  regex: "~",
  present: "present",
  absent: "absent",
  range: "in",
};

export function headerText(h: HeaderMatch): string {
  const not = h.invert ? "not " : "";
  const value = h.kind === "present" || h.kind === "absent" ? "" : ` ${h.value ?? ""}`;
  return `${h.name} ${not}${operator[h.kind]}${value}${h.ignoreCase ? " (any case)" : ""}`;
}

const pathWords: Record<RouteMatch["path"]["kind"], string> = {
  prefix: "prefix",
  path: "path",
  regex: "regex",
  path_separated_prefix: "prefix (at /)",
  connect: "CONNECT",
  other: "other",
};

export function matchText(match: RouteMatch): string {
  const parts = [`${pathWords[match.path.kind]} ${match.path.value}`.trim()];
  if (!match.caseSensitive) parts.push("any case");
  parts.push(...match.headers.map((h) => `header ${headerText(h)}`));
  parts.push(...match.queryParameters.map((q) => `query ${headerText(q)}`));
  return parts.join(", ");
}

export function actionText(action: RouteAction): string {
  switch (action.kind) {
    case "cluster":
      return action.cluster;
    case "weighted":
      return action.clusters.map((c) => `${c.weight}% ${c.cluster}`).join(" · ");
    case "redirect":
      return `redirect ${action.responseCode} → ${action.target}`;
    case "direct_response":
      return `direct response ${action.status}${action.body ? ` "${action.body}"` : ""}`;
    case "other":
      return action.description;
  }
}

/** Timeout, retries, fault and mirrors, each only when set (a timeout of 0s is Envoy's "none"). */
export function policyTexts(route: EnvoyRoute): string[] {
  const out: string[] = [];
  if (route.timeout && route.timeout !== "0s") out.push(`timeout ${route.timeout}`);
  if (route.retries) {
    const r = route.retries;
    out.push(
      `retries ${r.attempts}${r.perTryTimeout ? ` × ${r.perTryTimeout}` : ""}${r.retryOn ? ` on ${r.retryOn}` : ""}`,
    );
  }
  if (route.fault?.delay) out.push(`delay ${route.fault.delay.duration} for ${route.fault.delay.percent}%`);
  if (route.fault?.abort) {
    const code = route.fault.abort.httpStatus ?? `gRPC ${route.fault.abort.grpcStatus ?? "?"}`;
    out.push(`abort ${code} for ${route.fault.abort.percent}%`);
  }
  for (const m of route.mirrors) out.push(`mirror ${m.percent}% to ${m.cluster}`);
  return out;
}

/** The clusters a route can send to, for the text filter. */
export function clustersOf(action: RouteAction): string[] {
  if (action.kind === "cluster") return [action.cluster];
  if (action.kind === "weighted") return action.clusters.map((c) => c.cluster);
  return [];
}

/** Case-insensitive substring filter over the given texts; an empty filter keeps everything. */
export function matchesFilter(filter: string, texts: readonly (string | undefined)[]): boolean {
  const f = filter.trim().toLowerCase();
  return f === "" || texts.some((t) => t?.toLowerCase().includes(f));
}
