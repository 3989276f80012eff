/**
 * Which Istio objects refer to a service or a workload, each with its validation state:
 * - a VirtualService whose hosts name the service, or that routes (or mirrors) to it;
 * - a DestinationRule whose host is the service;
 * - a Gateway bound by one of those VirtualServices, or whose selector picks the workload.
 * Host names are qualified as Istio reads them (server/validation/hosts.ts), so `reviews`
 * in a bookinfo object is `reviews.bookinfo.svc.cluster.local`. Pure over a loaded context.
 */
import "server-only";
import type { ConfigRef } from "@/lib/contracts/inventory";
import type { DestinationRule, Gateway, VirtualService } from "@/lib/istio/types";
import type { ValidationContext } from "@/server/validation";
import { validateObject } from "@/server/validation";
import { qualifyHost } from "@/server/validation/hosts";
import { labelsMatch } from "@/server/validation/labels";

type ConfigObject = VirtualService | DestinationRule | Gateway;

const nsOf = (o: { metadata: { namespace?: string } }) => o.metadata.namespace ?? "";

export function serviceHost(namespace: string, name: string, context: Pick<ValidationContext, "mesh">): string {
  return `${name}.${namespace}.svc.${context.mesh.domain}`;
}

function destinationHosts(vs: VirtualService): string[] {
  const spec = vs.spec ?? {};
  const hosts: (string | undefined)[] = [];
  for (const r of spec.http ?? []) {
    hosts.push(
      ...(r.route ?? []).map((d) => d.destination?.host),
      r.mirror?.host,
      ...(r.mirrors ?? []).map((m) => m.destination?.host),
    );
  }
  for (const r of [...(spec.tcp ?? []), ...(spec.tls ?? [])])
    hosts.push(...(r.route ?? []).map((d) => d.destination?.host));
  return hosts.filter((h): h is string => typeof h === "string");
}

export function virtualServicesFor(fqdn: string, context: ValidationContext): VirtualService[] {
  const domain = context.mesh.domain;
  return context.virtualServices.filter((vs) =>
    [...(vs.spec?.hosts ?? []), ...destinationHosts(vs)].some((h) => qualifyHost(h, nsOf(vs), domain) === fqdn),
  );
}

export function destinationRulesOf(fqdn: string, context: ValidationContext): DestinationRule[] {
  return context.destinationRules.filter(
    (dr) => typeof dr.spec?.host === "string" && qualifyHost(dr.spec.host, nsOf(dr), context.mesh.domain) === fqdn,
  );
}

function gatewaysBoundBy(virtualServices: readonly VirtualService[], context: ValidationContext): Gateway[] {
  const wanted = new Set<string>();
  for (const vs of virtualServices) {
    for (const g of vs.spec?.gateways ?? []) {
      if (g === "mesh") continue;
      wanted.add(g.includes("/") ? g : `${nsOf(vs)}/${g}`);
    }
  }
  return context.gateways.filter((gw) => wanted.has(`${nsOf(gw)}/${gw.metadata.name ?? ""}`));
}

export function gatewaysSelecting(labels: Record<string, string>, context: ValidationContext): Gateway[] {
  // A Gateway's selector picks gateway pods of any namespace (PILOT_SCOPE_GATEWAY_TO_NAMESPACE is off by default).
  return context.gateways.filter((gw) => {
    const selector = gw.spec?.selector;
    return selector !== undefined && Object.keys(selector).length > 0 && labelsMatch(selector, labels);
  });
}

function toRef(object: ConfigObject, context: ValidationContext): ConfigRef {
  const v = validateObject(object, context);
  return {
    kind: object.kind,
    namespace: nsOf(object),
    name: object.metadata.name ?? "",
    valid: v.valid,
    errors: v.checks.filter((c) => c.severity === "error").length,
    warnings: v.checks.filter((c) => c.severity === "warning").length,
    messages: v.checks.map((c) => ({ severity: c.severity, code: c.code, message: c.message, path: c.path })),
  };
}

/** Unique by kind/namespace/name, in a stable order (kind, then namespace and name). */
export function uniqueRefs(refs: readonly ConfigRef[]): ConfigRef[] {
  const byKey = new Map(refs.map((r) => [`${r.kind}/${r.namespace}/${r.name}`, r]));
  return [...byKey.values()].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
  );
}

/** Validation of the same object is asked for by many items: compute each once per context. */
export function createConfigIndex(context: ValidationContext) {
  const cache = new Map<ConfigObject, ConfigRef>();
  const ref = (o: ConfigObject) => {
    let r = cache.get(o);
    if (!r) cache.set(o, (r = toRef(o, context)));
    return r;
  };
  return {
    context,
    forService(namespace: string, name: string): ConfigRef[] {
      const fqdn = serviceHost(namespace, name, context);
      const vss = virtualServicesFor(fqdn, context);
      return uniqueRefs([...vss, ...destinationRulesOf(fqdn, context), ...gatewaysBoundBy(vss, context)].map(ref));
    },
    forWorkload(labels: Record<string, string>): ConfigRef[] {
      return uniqueRefs(gatewaysSelecting(labels, context).map(ref));
    },
  };
}
export type ConfigIndex = ReturnType<typeof createConfigIndex>;
