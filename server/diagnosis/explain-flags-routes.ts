/**
 * Flags a VirtualService rule decides: NR (no rule matched the request), UT (the route's
 * timeout fired before the callee answered) and URX (the route's retries were used up).
 * The request itself is not in the metrics, so for NR the rule says which requests fall
 * through (the routes' match conditions), not which request did.
 */
import "server-only";
import { formatDurationMs } from "@/lib/graph-view/edge-labels";
import { parseDurationMs } from "@/lib/istio/duration";
import { httpRoutesFor, virtualServicesFor } from "./explain-flags-config";
import { nameOf, type CauseAt, type FlagRule } from "./explain-flags-types";

/** Istio's retry policy when a route sets none (its documented default). */
const DEFAULT_RETRY_ATTEMPTS = 2;

export const explainNoRoute: FlagRule = ({ scope }) => {
  const services = virtualServicesFor(scope);
  if (services.length === 0)
    return {
      explained: false,
      because: [
        `No VirtualService routes ${scope.service} for callers in ${scope.sourceNamespace}: a 404 NR then means the ` +
          `port called is not one the Service declares, or a Sidecar resource hides the host from the caller.`,
      ],
      causes: [],
      figures: [],
    };
  const causes: CauseAt[] = [];
  const because: string[] = [];
  for (const vs of services) {
    const http = vs.spec?.http ?? [];
    const catchAll = http.findIndex((r) => !r.match || r.match.length === 0);
    if (catchAll >= 0) continue;
    const last = http.length - 1;
    causes.push({
      object: vs,
      path: last >= 0 ? `spec/http[${last}]/match` : "spec/http",
      value: `${http.length} rule${http.length === 1 ? "" : "s"}, all with match conditions`,
    });
    because.push(
      `${nameOf(vs)} has ${http.length === 0 ? "no HTTP rule" : "only rules with match conditions"} and no catch-all ` +
        `rule: a request that matches none of them is answered 404 NR by the caller's proxy (Istio adds no default ` +
        `route to a host with a VirtualService). Add a last rule without match to send the rest somewhere.`,
    );
  }
  if (causes.length > 0) return { explained: true, because, causes, figures: [] };
  return {
    explained: false,
    because: [
      `Every VirtualService of ${scope.service} ends with a catch-all rule, so routing does not explain NR: the ` +
        `port called may not be declared by the Service, or the VirtualService changed after the window's requests.`,
    ],
    causes: [],
    figures: [],
  };
};

export const explainTimeout: FlagRule = ({ scope, observed }) => {
  const causes: CauseAt[] = [];
  const limits: number[] = [];
  for (const at of httpRoutesFor(scope)) {
    for (const [path, text] of [
      [`${at.path}/timeout`, at.route.timeout],
      [`${at.path}/retries/perTryTimeout`, at.route.retries?.perTryTimeout],
    ] as const) {
      if (typeof text !== "string") continue;
      causes.push({ object: at.vs, path, value: text });
      const ms = parseDurationMs(text);
      if (ms !== undefined && ms > 0) limits.push(ms);
    }
  }
  const figures =
    observed.calleeP99Ms !== undefined
      ? [{ label: `${scope.service}'s own p99`, value: formatDurationMs(observed.calleeP99Ms) }]
      : [];
  if (causes.length === 0)
    return {
      explained: false,
      because: [
        `No route to ${scope.service} sets a timeout or perTryTimeout, and Istio sets none by default: the timeout ` +
          `was set elsewhere (an EnvoyFilter, the caller's own client) or removed after the window's requests.`,
      ],
      causes,
      figures,
    };
  const tightest = Math.min(...limits);
  const because = causes.map(
    (c) =>
      `${nameOf(c.object)} gives up on ${scope.service} after ${c.value} (${c.path.endsWith("perTryTimeout") ? "per try" : "the route's timeout"}): ` +
      `the caller's proxy then answers 504 UT.`,
  );
  if (observed.calleeP99Ms !== undefined && Number.isFinite(tightest))
    because.push(
      observed.calleeP99Ms > tightest
        ? `${scope.service} itself took ${formatDurationMs(observed.calleeP99Ms)} at p99, longer than ${formatDurationMs(tightest)}: its slowest requests are cut off.`
        : `${scope.service} itself answered within ${formatDurationMs(observed.calleeP99Ms)} at p99, under ${formatDurationMs(tightest)}: the slow requests are a few outliers, or the time went to a delay fault or the network.`,
    );
  return { explained: true, because, causes, figures };
};

export const explainRetriesExhausted: FlagRule = ({ scope, shares }) => {
  const underlying = shares.filter((s) => s.flag !== "URX" && s.flag !== "-").map((s) => `${s.code} ${s.flag}`);
  const after =
    underlying.length > 0
      ? ` The failures retried are among the edge's other flags (${underlying.join(", ")}).`
      : " Every attempt failed in a way the retries were set to retry (5xx, reset, connect-failure, …).";
  const causes: CauseAt[] = [];
  const because: string[] = [];
  for (const at of httpRoutesFor(scope)) {
    const retries = at.route.retries;
    if (retries) {
      causes.push({
        object: at.vs,
        path: `${at.path}/retries`,
        value: `attempts ${retries.attempts ?? DEFAULT_RETRY_ATTEMPTS}`,
      });
      because.push(
        `${nameOf(at.vs)} rule ${at.index} retries ${retries.attempts ?? DEFAULT_RETRY_ATTEMPTS} time(s)` +
          `${retries.retryOn ? ` on ${retries.retryOn}` : ""}: requests whose every attempt failed end with URX.`,
      );
    }
  }
  if (causes.length > 0) return { explained: true, because: [...because, after.trim()], causes, figures: [] };
  return {
    explained: true,
    because: [
      `No route to ${scope.service} sets retries, so Istio's default applies: ${DEFAULT_RETRY_ATTEMPTS} retries on ` +
        `connect-failure, refused-stream, unavailable and cancelled.${after}`,
    ],
    causes,
    figures: [],
  };
};
