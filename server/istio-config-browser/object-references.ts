/**
 * What an Istio object refers to, resolved against the mesh the validation engine loaded:
 * the Services or ServiceEntries behind its hosts, the Gateways it binds, the
 * DestinationRules defining the subsets it routes to, and the workloads its selectors or
 * subsets pick. One finder per kind, in a table; a reference that resolves to nothing is
 * kept with `found: false`, since that is exactly what a user is looking for.
 */
import "server-only";
import type { ObjectReference } from "@/lib/contracts/istio-objects";
import type { DestinationRule, Gateway, VirtualService } from "@/lib/istio/types";
import type { ValidationContext } from "@/server/validation";
import { destinationRulesFor, findRegistryEntry, isWildcard, qualifyHost } from "@/server/validation/hosts";
import { asLabels, labelsMatch, workloadsSelected } from "@/server/validation/labels";
import { gatewayReferences, resolveGatewayName } from "@/server/validation/rules/virtual-service/gateway-references";
import { routeDestinations } from "@/server/validation/rules/virtual-service/route-destinations";
import type { ValidatableObject } from "@/server/validation/types";
import type { WorkloadLabels } from "@/server/validation/context";
import { namespaceOf } from "@/server/validation/types";

type Finder = (object: ValidatableObject, context: ValidationContext) => ObjectReference[];

function hostReference(
  host: string,
  namespace: string,
  path: string,
  context: ValidationContext,
): ObjectReference | undefined {
  const fqdn = qualifyHost(host, namespace, context.mesh.domain);
  if (isWildcard(fqdn)) return undefined;
  const entry = findRegistryEntry(fqdn, namespace, context);
  if (entry?.kind === "Service")
    return {
      kind: "Service",
      namespace: entry.service.namespace,
      name: entry.service.name,
      via: host,
      found: true,
      path,
    };
  if (entry?.kind === "ServiceEntry") {
    const se = entry.serviceEntry.metadata;
    return {
      kind: "ServiceEntry",
      namespace: se.namespace ?? namespace,
      name: se.name ?? "",
      via: host,
      found: true,
      path,
    };
  }
  return { kind: "Service", namespace, name: host, via: host, found: false, path };
}

function workloadReferences(
  workloads: readonly WorkloadLabels[],
  via: string,
  path: string,
  namespace: string,
): ObjectReference[] {
  if (workloads.length === 0) return [{ kind: "Workload", namespace, name: via, via, found: false, path }];
  const unique = new Map(workloads.map((w) => [`${w.namespace}/${w.name}`, w]));
  return [...unique.values()].map((w) => ({
    kind: "Workload",
    namespace: w.namespace,
    name: w.name,
    via,
    found: true,
    path,
  }));
}

const formatLabels = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");

function selectorReferences(
  selector: unknown,
  path: string,
  object: ValidatableObject,
  context: ValidationContext,
): ObjectReference[] {
  const labels = asLabels(selector);
  if (!labels || Object.keys(labels).length === 0) return [];
  const namespace = namespaceOf(object);
  const scope = namespace === context.mesh.rootNamespace ? "*" : namespace;
  return workloadReferences(workloadsSelected(labels, scope, context), formatLabels(labels), path, namespace);
}

const virtualServiceReferences: Finder = (object, context) => {
  const vs = object as VirtualService;
  const namespace = namespaceOf(vs);
  const refs: ObjectReference[] = [];
  (Array.isArray(vs.spec?.hosts) ? vs.spec.hosts : []).forEach((host, i) => {
    const ref = typeof host === "string" ? hostReference(host, namespace, `spec/hosts[${i}]`, context) : undefined;
    if (ref) refs.push(ref);
  });
  for (const { name, path } of gatewayReferences(vs)) {
    const gateway = resolveGatewayName(name, namespace);
    if (!gateway) continue;
    const found = context.gateways.some(
      (g) => g.metadata.name === gateway.name && (g.metadata.namespace ?? "") === gateway.namespace,
    );
    refs.push({ kind: "Gateway", namespace: gateway.namespace, name: gateway.name, via: name, found, path });
  }
  for (const { path, destination } of routeDestinations(vs)) {
    if (typeof destination?.host !== "string") continue;
    const host = hostReference(destination.host, namespace, `${path}/destination/host`, context);
    if (host) refs.push(host);
    const subset = destination.subset;
    if (typeof subset !== "string" || subset === "") continue;
    const fqdn = qualifyHost(destination.host, namespace, context.mesh.domain);
    const rule = destinationRulesFor(fqdn, namespace, context).find((dr) =>
      (dr.spec?.subsets ?? []).some((s) => s?.name === subset),
    );
    refs.push(
      rule
        ? {
            kind: "DestinationRule",
            namespace: rule.metadata.namespace ?? namespace,
            name: rule.metadata.name ?? "",
            via: `${destination.host} subset ${subset}`,
            found: true,
            path: `${path}/destination`,
          }
        : {
            kind: "DestinationRule",
            namespace,
            name: `${destination.host} subset ${subset}`,
            via: `${destination.host} subset ${subset}`,
            found: false,
            path: `${path}/destination`,
          },
    );
  }
  return refs;
};

const destinationRuleReferences: Finder = (object, context) => {
  const dr = object as DestinationRule;
  const namespace = namespaceOf(dr);
  const host =
    typeof dr.spec?.host === "string" ? hostReference(dr.spec.host, namespace, "spec/host", context) : undefined;
  if (!host) return [];
  const refs: ObjectReference[] = [host];
  const service =
    host.kind === "Service" && host.found
      ? context.services.find((s) => s.namespace === host.namespace && s.name === host.name)
      : undefined;
  if (!service) return refs;
  const behindService = (context.workloadsByNamespace.get(service.namespace) ?? []).filter(
    (w) => Object.keys(service.selector).length > 0 && labelsMatch(service.selector, w.labels),
  );
  (Array.isArray(dr.spec?.subsets) ? dr.spec.subsets : []).forEach((subset, i) => {
    const labels = asLabels(subset?.labels);
    if (!labels) return;
    const picked = behindService.filter((w) => labelsMatch(labels, w.labels));
    refs.push(...workloadReferences(picked, `subset ${subset?.name ?? i}`, `spec/subsets[${i}]`, service.namespace));
  });
  return refs;
};

const gatewayWorkloads: Finder = (object, context) => {
  const selector = asLabels((object as Gateway).spec?.selector);
  if (!selector || Object.keys(selector).length === 0) return [];
  // A Gateway's selector reaches gateway pods in any namespace (istiod's default).
  return workloadReferences(
    workloadsSelected(selector, "*", context),
    formatLabels(selector),
    "spec/selector",
    namespaceOf(object),
  );
};

const spec = (object: ValidatableObject) =>
  (object.spec ?? {}) as Record<string, { labels?: unknown; matchLabels?: unknown } | undefined>;

const FINDERS: Partial<Record<string, Finder>> = {
  VirtualService: virtualServiceReferences,
  DestinationRule: destinationRuleReferences,
  Gateway: gatewayWorkloads,
  ServiceEntry: (o, c) => selectorReferences(spec(o).workloadSelector?.labels, "spec/workloadSelector", o, c),
  Sidecar: (o, c) => selectorReferences(spec(o).workloadSelector?.labels, "spec/workloadSelector", o, c),
  PeerAuthentication: (o, c) => selectorReferences(spec(o).selector?.matchLabels, "spec/selector", o, c),
  AuthorizationPolicy: (o, c) => selectorReferences(spec(o).selector?.matchLabels, "spec/selector", o, c),
  RequestAuthentication: (o, c) => selectorReferences(spec(o).selector?.matchLabels, "spec/selector", o, c),
};

/** Distinct references, in the order the object names them; never throws on odd input. */
export function findReferences(object: ValidatableObject, context: ValidationContext): ObjectReference[] {
  const finder = FINDERS[object.kind];
  if (!finder) return [];
  let refs: ObjectReference[];
  try {
    refs = finder(object, context);
  } catch {
    // A field of the wrong type: the validation list already says so; references are a convenience.
    return [];
  }
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.kind}|${r.namespace}|${r.name}|${r.via}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
