/**
 * Routes that send requests nowhere (lib/contracts/route-risks.ts), found over every
 * VirtualService of a mesh: a destination subset that the DestinationRules Istio applies to
 * the host do not define (KIA1107's finding), or one whose labels select none of the running
 * pods behind the host (istioctl's IST0173; KIA0203 says it from the DestinationRule's side).
 * A change is judged by what it adds: the risks of the mesh after it that the mesh before it
 * did not have, so an unrelated edit is not held hostage by an old mistake, while removing a
 * subset some route still uses counts as the change's own.
 */
import "server-only";
import type { RouteRisk } from "@/lib/contracts/route-risks";
import type { ValidationContext } from "@/server/validation/context";
import {
  describeHost,
  destinationRulesFor,
  findRegistryEntry,
  isWildcard,
  qualifyHost,
} from "@/server/validation/hosts";
import { asLabels, labelsMatch } from "@/server/validation/labels";
import { endpointLabels } from "@/server/validation/rules/destination-rule/subset-labels-match";
import { subsetNotDefinedMessage } from "@/server/validation/rules/virtual-service/subset-not-found";
import { routeDestinations } from "@/server/validation/rules/virtual-service/route-destinations";
import { namespaceOf } from "@/server/validation/types";

/** The subset's labels from the DestinationRules that apply, or undefined when none defines it. */
function subsetLabels(fqdn: string, namespace: string, subset: string, context: ValidationContext) {
  for (const dr of destinationRulesFor(fqdn, namespace, context)) {
    const found = (Array.isArray(dr.spec?.subsets) ? dr.spec.subsets : []).find((s) => s?.name === subset);
    if (found) return asLabels(found.labels) ?? {};
  }
  return undefined;
}

function riskOf(fqdn: string, namespace: string, subset: string, context: ValidationContext) {
  const service = describeHost(fqdn, context.mesh.domain);
  const labels = subsetLabels(fqdn, namespace, subset, context);
  if (!labels) {
    return { kind: "missing-subset", message: subsetNotDefinedMessage(subset, service) } as const;
  }
  const entry = findRegistryEntry(fqdn, namespace, context);
  // An unknown host is KIA1101's error; a Service without selector has pods Topsail cannot know.
  const available = entry && endpointLabels(entry, context);
  if (!available || available.some((set) => labelsMatch(labels, set))) return undefined;
  return {
    kind: "subset-without-pods",
    message: `subset ${subset} of ${service} selects no running pods: requests routed to it fail with 503 UH`,
  } as const;
}

export function findRouteRisks(context: ValidationContext): RouteRisk[] {
  return context.virtualServices.flatMap((vs) => {
    const namespace = namespaceOf(vs);
    const seen = new Set<string>();
    return routeDestinations(vs).flatMap(({ destination }) => {
      const subset = destination?.subset;
      if (typeof destination?.host !== "string" || typeof subset !== "string" || subset === "") return [];
      const host = qualifyHost(destination.host, namespace, context.mesh.domain);
      if (isWildcard(host) || seen.has(`${host} ${subset}`)) return [];
      seen.add(`${host} ${subset}`);
      const risk = riskOf(host, namespace, subset, context);
      return risk ? [{ ...risk, virtualService: { namespace, name: vs.metadata.name ?? "" }, host, subset }] : [];
    });
  });
}

const keyOf = (r: RouteRisk) => [r.kind, r.virtualService.namespace, r.virtualService.name, r.host, r.subset].join(" ");

/** The risks of the mesh after a change that the mesh before it did not have. */
export function newRouteRisks(before: ValidationContext, after: ValidationContext): RouteRisk[] {
  const old = new Set(findRouteRisks(before).map(keyOf));
  return findRouteRisks(after).filter((risk) => !old.has(keyOf(risk)));
}
