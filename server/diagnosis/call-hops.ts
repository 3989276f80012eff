/**
 * The hops of a namespace's call paths, from config alone. A hop is one way a known client
 * call may go: caller workload → (VirtualService rule, or Istio's default route) → the
 * destination workloads that rule's destinations select. Known clients are the workloads the
 * samples' table describes (lib/istio/sample-client-calls.ts); the walk follows their calls
 * into whatever namespace they reach, so a path is complete even across namespaces.
 *
 * Which VirtualService routes a host for a sidecar: one bound to the mesh (no `gateways`, or
 * `mesh` among them), exported to the caller, whose hosts cover the Service — the caller's
 * namespace first, then the Service's, as istiod prefers; rules in order, first match wins
 * (route-may-match.ts). A destination reaches the workloads its Service selects, narrowed by
 * the subset's labels from the most specific DestinationRule; a weight of 0 carries nothing.
 */
import "server-only";
import type { BudgetWorkload } from "@/lib/contracts/budget";
import { sampleClientRowFor, type ClientCall, type SampleClientRow } from "@/lib/istio/sample-client-calls";
import type { HTTPRoute, HTTPRouteDestination, VirtualService } from "@/lib/istio/types";
import type { ServiceSummary } from "@/server/adapters/kube/list-services";
import type { ValidationContext, WorkloadLabels } from "@/server/validation/context";
import { destinationRulesFor, hostCovers, isExportedTo, qualifyHost } from "@/server/validation/hosts";
import { labelsMatch } from "@/server/validation/labels";
import { rulesMayMatch } from "./route-may-match";
import { routePolicyOf, type RoutePolicy } from "./route-policy";

export interface WorkloadNode {
  key: string;
  ref: BudgetWorkload;
  labels: Readonly<Record<string, string>>;
  client?: SampleClientRow;
}

export interface CallHop {
  caller: WorkloadNode;
  callIndex: number;
  call: ClientCall;
  service: ServiceSummary;
  host: string;
  port: number;
  /** The VirtualService rule; absent = Istio's default route. */
  route?: { virtualService: VirtualService; ruleIndex: number; rule: HTTPRoute };
  policy: RoutePolicy;
  destinations: WorkloadNode[];
}

export interface CallGraph {
  /** Every workload of the cluster by `namespace/name` (pods of one workload merged). */
  workloads: ReadonlyMap<string, WorkloadNode>;
  /** The hops of each known caller, keyed by the caller's key. */
  hopsOf(caller: WorkloadNode): readonly CallHop[];
}

const keyOf = (w: { namespace: string; name: string }) => `${w.namespace}/${w.name}`;

function toNode(w: WorkloadLabels): WorkloadNode {
  const client = sampleClientRowFor(w.labels);
  return {
    key: keyOf(w),
    ref: {
      namespace: w.namespace,
      name: w.name,
      ...(w.labels.app !== undefined ? { app: w.labels.app } : {}),
      ...(w.labels.version !== undefined ? { version: w.labels.version } : {}),
    },
    labels: w.labels,
    ...(client ? { client } : {}),
  };
}

/** The Service a name dialled from `namespace` resolves to: `ratings`, `ratings.bookinfo`, or an FQDN. */
function resolveService(name: string, namespace: string, context: ValidationContext): ServiceSummary | undefined {
  const [service, ns] = name.split(".");
  return context.servicesByHost.get(`${service}.${ns ?? namespace}.svc.${context.mesh.domain}`);
}

function virtualServiceFor(
  host: string,
  callerNamespace: string,
  serviceNamespace: string,
  context: ValidationContext,
) {
  const candidates = context.virtualServices.filter((vs) => {
    const ns = vs.metadata.namespace ?? "";
    const gateways = vs.spec?.gateways ?? [];
    if (gateways.length > 0 && !gateways.includes("mesh")) return false;
    if (!isExportedTo(vs.spec?.exportTo, ns, callerNamespace)) return false;
    return (vs.spec?.hosts ?? []).some((h) => hostCovers(qualifyHost(h, ns, context.mesh.domain), host));
  });
  const rank = (vs: VirtualService) =>
    vs.metadata.namespace === callerNamespace ? 0 : vs.metadata.namespace === serviceNamespace ? 1 : 2;
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0];
}

/** A lone destination carries everything whatever its weight; among several, weight 0 carries nothing. */
function carrying(route: readonly HTTPRouteDestination[]): HTTPRouteDestination[] {
  return route.length === 1 ? [...route] : route.filter((d) => (d.weight ?? 0) > 0);
}

export function buildCallGraph(context: ValidationContext): CallGraph {
  const workloads = new Map<string, WorkloadNode>();
  for (const w of context.workloads) if (!workloads.has(keyOf(w))) workloads.set(keyOf(w), toNode(w));

  const selected = (service: ServiceSummary, subsetLabels: Readonly<Record<string, string>>): WorkloadNode[] => {
    if (Object.keys(service.selector).length === 0) return [];
    return [...workloads.values()].filter(
      (w) =>
        w.ref.namespace === service.namespace &&
        labelsMatch(service.selector, w.labels) &&
        labelsMatch(subsetLabels, w.labels),
    );
  };

  const destinationsOf = (rule: HTTPRoute, vsNamespace: string, callerNamespace: string): WorkloadNode[] => {
    const found = new Map<string, WorkloadNode>();
    for (const d of carrying(rule.route ?? [])) {
      const host = qualifyHost(d.destination?.host ?? "", vsNamespace, context.mesh.domain);
      const service = context.servicesByHost.get(host);
      if (!service) continue;
      let subsetLabels: Readonly<Record<string, string>> = {};
      if (d.destination?.subset) {
        const subset = destinationRulesFor(host, callerNamespace, context)
          .flatMap((dr) => dr.spec?.subsets ?? [])
          .find((s) => s.name === d.destination?.subset);
        // An undefined subset has no cluster in Envoy (503 NC): nothing is reached.
        if (!subset) continue;
        subsetLabels = subset.labels ?? {};
      }
      for (const w of selected(service, subsetLabels)) found.set(w.key, w);
    }
    return [...found.values()];
  };

  const hopsOfCall = (caller: WorkloadNode, call: ClientCall, callIndex: number): CallHop[] => {
    const service = resolveService(call.service, caller.ref.namespace, context);
    if (!service) return [];
    const host = `${service.name}.${service.namespace}.svc.${context.mesh.domain}`;
    const port = call.port ?? service.ports[0]?.port ?? 80;
    const base = { caller, callIndex, call, service, host, port };
    const vs = virtualServiceFor(host, caller.ref.namespace, service.namespace, context);
    if (!vs) return [{ ...base, policy: routePolicyOf(undefined), destinations: selected(service, {}) }];
    const rules = vs.spec?.http ?? [];
    const request = {
      path: call.path,
      method: call.method ?? "GET",
      port,
      sourceNamespace: caller.ref.namespace,
      sourceLabels: caller.labels,
    };
    return rulesMayMatch(rules, request).flatMap((ruleIndex) => {
      const rule = rules[ruleIndex] as HTTPRoute;
      const destinations = destinationsOf(rule, vs.metadata.namespace ?? "", caller.ref.namespace);
      if (destinations.length === 0) return [];
      return [{ ...base, route: { virtualService: vs, ruleIndex, rule }, policy: routePolicyOf(rule), destinations }];
    });
  };

  const hops = new Map<string, CallHop[]>();
  return {
    workloads,
    hopsOf(caller) {
      let list = hops.get(caller.key);
      if (!list) {
        list = (caller.client?.calls ?? []).flatMap((call, index) => hopsOfCall(caller, call, index));
        hops.set(caller.key, list);
      }
      return list;
    },
  };
}
