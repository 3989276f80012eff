/**
 * The HTTP router: a pure function of (snapshot, source, request, random) → decision. The
 * decision itself — which VirtualService, which rule, which destinations at which weights,
 * which fault, timeout, retries and mirrors — is evaluate-http-route.ts's, shared with the
 * console's request explainer; this only draws, in the order the simulator always has: the
 * weighted destination, then the delay and the abort each against its percentage, then each
 * mirror against its percentage.
 */
import { evaluateHttpRoute } from "./evaluate-http-route";
import { happens, pickWeighted } from "./pick-weighted";
import type { ConfigSnapshot } from "./snapshot";
import type { FaultDecision, HttpRequest, HttpRouteDecision, Random, SourceContext } from "./types";

export function routeHttp(
  snapshot: ConfigSnapshot,
  source: SourceContext,
  request: HttpRequest,
  random: Random,
): HttpRouteDecision {
  const evaluation = evaluateHttpRoute(snapshot, source, request);
  if (evaluation.kind !== "route") {
    const name = `${evaluation.virtualService.namespace}/${evaluation.virtualService.name}`;
    return evaluation.kind === "noRoute"
      ? { kind: "noRoute", virtualService: name }
      : { kind: "directResponse", status: evaluation.status, virtualService: name };
  }
  const chosen = pickWeighted(evaluation.destinations, random);
  const fault: FaultDecision = {};
  const { delay, abort } = evaluation.fault;
  if (delay && happens(delay.percent, random)) fault.delayMs = delay.ms;
  if (abort && happens(abort.percent, random)) fault.abortStatus = abort.status;
  const vs = evaluation.virtualService;
  return {
    kind: "route",
    destination: chosen?.destination ?? { host: request.host },
    fault,
    ...(evaluation.timeoutMs !== undefined ? { timeoutMs: evaluation.timeoutMs } : {}),
    retry: evaluation.retry,
    mirrors: evaluation.mirrors.filter((m) => happens(m.percent, random)).map((m) => m.destination),
    ...(vs ? { virtualService: `${vs.namespace}/${vs.name}` } : {}),
    ...(evaluation.routeName ? { routeName: evaluation.routeName } : {}),
  };
}
