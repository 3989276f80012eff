/**
 * KIA0203: a subset whose labels select no workload behind the host. Traffic routed to it
 * finds no endpoint (503 UH). Which workloads are "behind the host": the Service's selector
 * in its namespace, or a ServiceEntry's workloadSelector / endpoints. As in Kiali, the error
 * softens to info when no VirtualService routes to that subset yet — nothing breaks today.
 */
import "server-only";
import type { DestinationRule, ServiceEntry } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import type { ValidationContext } from "../../context";
import { findRegistryEntry, isWildcard, qualifyHost, type RegistryEntry } from "../../hosts";
import { asLabels, labelsMatch, workloadsSelected } from "../../labels";
import { namespaceOf, type Rule } from "../../types";
import { routeDestinations } from "../virtual-service/route-destinations";

/** Label sets behind a registry entry, or undefined when Topsail cannot know them. */
export function endpointLabels(
  entry: RegistryEntry,
  context: ValidationContext,
): Array<Record<string, string>> | undefined {
  if (entry.kind === "Service") {
    const { selector, namespace } = entry.service;
    // A Service without selector has hand-made Endpoints: their pods are unknown here.
    if (Object.keys(selector).length === 0) return undefined;
    return workloadsSelected(selector, namespace, context).map((w) => w.labels);
  }
  return serviceEntryLabels(entry.serviceEntry, context);
}

function serviceEntryLabels(se: ServiceEntry, context: ValidationContext): Array<Record<string, string>> | undefined {
  const selector = asLabels(se.spec?.workloadSelector?.labels);
  if (selector) return workloadsSelected(selector, namespaceOf(se), context).map((w) => w.labels);
  const endpoints = Array.isArray(se.spec?.endpoints) ? se.spec.endpoints : [];
  // A DNS ServiceEntry without endpoints resolves its hosts: subsets cannot select anything.
  return endpoints.map((e) => asLabels(e?.labels) ?? {});
}

function isRoutedTo(fqdn: string, subset: string, context: ValidationContext): boolean {
  return context.virtualServices.some((vs) => {
    const ns = namespaceOf(vs);
    return routeDestinations(vs).some(
      (r) =>
        r.destination?.subset === subset &&
        typeof r.destination.host === "string" &&
        qualifyHost(r.destination.host, ns, context.mesh.domain) === fqdn,
    );
  });
}

export const checkSubsetLabelsMatchWorkloads: Rule<DestinationRule> = (dr, context) => {
  const host = dr.spec?.host;
  if (typeof host !== "string" || !Array.isArray(dr.spec?.subsets)) return [];
  const namespace = namespaceOf(dr);
  const fqdn = qualifyHost(host, namespace, context.mesh.domain);
  if (isWildcard(fqdn)) return [];
  const entry = findRegistryEntry(fqdn, namespace, context);
  // An unknown host is KIA0202's finding; repeating it per subset would only add noise.
  const available = entry && endpointLabels(entry, context);
  if (!available) return [];
  return dr.spec.subsets.flatMap((subset, i) => {
    const labels = asLabels(subset?.labels);
    if (!labels || Object.keys(labels).length === 0) return [];
    if (available.some((set) => labelsMatch(labels, set))) return [];
    const name = subset?.name ?? "";
    return [
      buildCheck("KIA0203", `spec/subsets[${i}]`, {
        detail: `${name} (${Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(",")})`,
        severity: isRoutedTo(fqdn, name, context) ? "error" : "info",
      }),
    ];
  });
};
