/**
 * FI and DI: a fault the VirtualService injects in the caller's proxy — an abort answered
 * with the configured code (FI), or a delay before the request goes on (DI). Who added it
 * and when is the audit log's part (explain-flags-changes.ts adds it to each cause).
 */
import "server-only";
import { formatPercent } from "@/lib/graph-view/edge-labels";
import { httpRoutesFor, type RouteAt } from "./explain-flags-config";
import { nameOf, type CauseAt, type FlagRule, type FlagShare } from "./explain-flags-types";

type FaultKind = "abort" | "delay";

/** Istio injects no fault without a percentage (an absent `percentage` means none). */
const percentOf = (p: { percentage?: { value?: number }; percent?: number } | undefined) =>
  p?.percentage?.value ?? p?.percent;

function faultText(kind: FaultKind, at: RouteAt): string | undefined {
  const fault = at.route.fault?.[kind];
  if (!fault) return undefined;
  const pct = percentOf(fault);
  const what =
    kind === "abort"
      ? `${at.route.fault?.abort?.httpStatus ?? at.route.fault?.abort?.grpcStatus ?? "?"}`
      : `${at.route.fault?.delay?.fixedDelay ?? at.route.fault?.delay?.exponentialDelay ?? "?"}`;
  return `${what} for ${pct === undefined ? "no" : `${pct}%`} of requests`;
}

const matchWords = (at: RouteAt) =>
  at.route.match && at.route.match.length > 0 ? "requests that match its conditions" : "every request it routes";

function explainFault(kind: FaultKind, share: FlagShare): FlagRule {
  return ({ scope }) => {
    const candidates = httpRoutesFor(scope).filter((at) => at.route.fault?.[kind]);
    // An abort's code is the response code: prefer the rule that answers with the code seen.
    const matching =
      kind === "abort"
        ? candidates.filter((at) => String(at.route.fault?.abort?.httpStatus) === share.code)
        : candidates;
    const routes = matching.length > 0 ? matching : candidates;
    const causes: CauseAt[] = routes.map((at) => ({
      object: at.vs,
      path: `${at.path}/fault/${kind}`,
      value: faultText(kind, at) ?? "",
    }));
    if (causes.length === 0)
      return {
        explained: false,
        because: [
          `No VirtualService route to ${scope.service} injects a ${kind} now: it was removed after the window's ` +
            `requests (the audit log shows when).`,
        ],
        causes,
        figures: [],
      };
    return {
      explained: true,
      because: routes.map(
        (at) =>
          `${nameOf(at.vs)} rule ${at.index} injects a ${kind} of ${faultText(kind, at)} into ${matchWords(at)}` +
          (kind === "abort"
            ? `: the caller's proxy answers without calling ${scope.service} (${formatPercent(share.percent)} of the edge's requests).`
            : `: requests wait in the caller's proxy before going on to ${scope.service}.`),
      ),
      causes,
      figures: [],
    };
  };
}

export const explainAbort: FlagRule = (input) => explainFault("abort", input.share)(input);
export const explainDelay: FlagRule = (input) => explainFault("delay", input.share)(input);
