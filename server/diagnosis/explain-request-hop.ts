/**
 * One hop of the request explainer: what the caller's proxy does with one request, from
 * evaluateHttpRoute (lib/istio/routing/evaluate-http-route.ts, the decision the simulator's
 * router draws over), put into the contract's words — the rules in order with why, the
 * destinations with their share, pods, policy, TLS and authorization, the fault, timeout,
 * retries and mirrors.
 */
import "server-only";
import type { Hop, RuleEvaluation as RuleInWords } from "@/lib/contracts/request-explanation";
import {
  evaluateHttpRoute,
  type HttpRouteEvaluation,
  type RoutedEvaluation,
} from "@/lib/istio/routing/evaluate-http-route";
import { resolveService } from "@/lib/istio/routing/resolve-cluster";
import type { ConfigSnapshot, PodInfo, VirtualServiceEntry } from "@/lib/istio/routing/snapshot";
import type { RetryPolicy, SourceContext } from "@/lib/istio/routing/types";
import { explainDestination } from "./explain-request-destination";
import type { RefOf } from "./explain-request-refs";

export interface HopInput {
  snapshot: ConfigSnapshot;
  refOf: RefOf;
  caller: PodInfo;
  source: SourceContext;
  request: Hop["request"];
  /** The port the proxy routes by, when it differs from the one asked (a gateway's container port). */
  routingPort?: number;
  gatewayServer?: Hop["gatewayServer"];
}

/** The hop without its place in the tree (`id`, `parent`). */
export type HopBody = Omit<Hop, "id" | "parent">;

const NO_RETRIES: Hop["retries"] = { attempts: 0, retryOn: [], isDefault: false };

const vsName = (vs: VirtualServiceEntry) => `${vs.namespace}/${vs.name}`;
const shortHost = (host: string) => host.replace(/\.svc\.cluster\.local$/, "");

function retriesOf(retry: RetryPolicy, isDefault: boolean): Hop["retries"] {
  const codes = [...retry.retriableStatusCodes];
  return {
    attempts: retry.attempts,
    ...(retry.perTryTimeoutMs !== undefined ? { perTryTimeoutMs: retry.perTryTimeoutMs } : {}),
    retryOn: [...retry.retryOn].map((c) =>
      c === "retriable-status-codes" && codes.length > 0 ? `${c} (${codes.join(", ")})` : c,
    ),
    isDefault,
  };
}

function rulesInWords(evaluation: HttpRouteEvaluation, refOf: RefOf): RuleInWords[] {
  return evaluation.rules.map((rule) => {
    const http = rule.virtualService.spec.http?.[rule.index];
    const path = `spec/http[${rule.index}]${http?.match && http.match.length > 0 ? "/match" : ""}`;
    return {
      index: rule.index,
      ...(rule.name ? { name: rule.name } : {}),
      matched: rule.matched,
      reasons: rule.reasons,
      ref: refOf("VirtualService", rule.virtualService.namespace, rule.virtualService.name, path),
    };
  });
}

function ruleLabel(evaluation: HttpRouteEvaluation): string {
  const winner = evaluation.rules.at(-1);
  if (!winner || !evaluation.virtualService) return "";
  const name = winner.name ? ` "${winner.name}"` : "";
  return `rule ${winner.index}${name} of VirtualService ${vsName(winner.virtualService)} (${winner.reasons.join("; ")})`;
}

function routeSummary(evaluation: RoutedEvaluation, host: string): string {
  const to = (d: RoutedEvaluation["destinations"][number]) =>
    `${shortHost(d.destination.host)}${d.destination.subset ? ` subset ${d.destination.subset}` : ""}`;
  const live = evaluation.destinations.filter((d) => d.probability > 0);
  const where =
    live.length === 1 && live[0]
      ? `sends every request to ${to(live[0])}`
      : `splits requests: ${live.map((d) => `${to(d)} ${Math.round(d.probability * 1000) / 10} %`).join(", ")}`;
  if (!evaluation.virtualService)
    return `no VirtualService applies to ${shortHost(host)}: Istio's default route ${where}`;
  return `${ruleLabel(evaluation)} ${where}`;
}

function unknownHostSummary(snapshot: ConfigSnapshot, host: string): string | undefined {
  const service = resolveService(snapshot, host);
  if (service.kind === "passthrough")
    return `no Service or ServiceEntry declares ${host}: the mesh's outbound policy is ALLOW_ANY, so the proxy passes it through (PassthroughCluster)`;
  if (service.kind === "blackhole")
    return `no Service or ServiceEntry declares ${host} and the mesh's outbound policy is REGISTRY_ONLY: the proxy answers 502 (BlackHoleCluster)`;
  return undefined;
}

function base(input: HopInput): Pick<HopBody, "source" | "request" | "gatewayServer"> {
  const { caller, request, gatewayServer } = input;
  return {
    source: { namespace: caller.namespace, workload: caller.identity.workload, isGateway: caller.isGateway },
    request,
    ...(gatewayServer ? { gatewayServer } : {}),
  };
}

/** A gateway that no server of which accepts the host and port: the request never gets routed. */
export function notAcceptedHop(input: HopInput, why: string): HopBody {
  return {
    ...base(input),
    rules: [],
    outcome: "notAccepted",
    summary: why,
    destinations: [],
    retries: NO_RETRIES,
    mirrors: [],
  };
}

export function explainHop(input: HopInput): HopBody {
  const { snapshot, refOf, request } = input;
  const evaluation = evaluateHttpRoute(snapshot, input.source, {
    host: request.host,
    port: input.routingPort ?? request.port,
    method: request.method,
    path: request.path,
    headers: request.headers,
  });
  const vs = evaluation.virtualService;
  const common = {
    ...base(input),
    ...(vs ? { virtualService: refOf("VirtualService", vs.namespace, vs.name, "spec/hosts") } : {}),
    rules: rulesInWords(evaluation, refOf),
  };
  if (evaluation.kind === "noRoute") {
    const summary = `no rule of VirtualService ${vsName(evaluation.virtualService)} matches: the proxy answers 404 (NR)`;
    return { ...common, outcome: "noRoute", summary, destinations: [], retries: NO_RETRIES, mirrors: [] };
  }
  if (evaluation.kind === "directResponse") {
    const summary = `${ruleLabel(evaluation)} answers ${evaluation.status} itself`;
    const status = evaluation.status;
    return {
      ...common,
      outcome: "directResponse",
      status,
      summary,
      destinations: [],
      retries: NO_RETRIES,
      mirrors: [],
    };
  }
  const unknown = vs ? undefined : unknownHostSummary(snapshot, request.host);
  const ctx = { snapshot, refOf, caller: input.caller, request };
  const { delay, abort } = evaluation.fault;
  return {
    ...common,
    outcome: unknown ? "unknownHost" : "route",
    summary: unknown ?? routeSummary(evaluation, request.host),
    destinations: unknown ? [] : evaluation.destinations.map((d) => explainDestination(ctx, d)),
    ...(evaluation.timeoutMs !== undefined ? { timeoutMs: evaluation.timeoutMs } : {}),
    retries: retriesOf(evaluation.retry, evaluation.retryIsDefault),
    ...(delay || abort ? { fault: { ...(delay ? { delay } : {}), ...(abort ? { abort } : {}) } } : {}),
    mirrors: evaluation.mirrors.map((m) => ({
      host: m.destination.host,
      ...(m.destination.subset ? { subset: m.destination.subset } : {}),
      percent: m.percent,
    })),
  };
}
