/**
 * Traffic shifting (HTTP): owns the weighted route of the VirtualService's catch-all HTTP
 * rule — the rule every request reaches when no earlier rule matched. Matched rules, and
 * the catch-all's other fields (timeout, retries, fault, mirror, headers), stay as they are.
 * Subsets the split uses that the DestinationRule lacks are added from the `version` labels.
 */
import "server-only";
import type { TrafficShiftingInput, WeightedRoute } from "@/lib/contracts/traffic";
import type { HTTPRoute, RouteDestination } from "@/lib/istio/types";
import {
  catchAllIndex,
  evenSplit,
  finishVirtualService,
  invalidInput,
  readRouteDestinations,
  startVirtualService,
  toRouteDestinations,
  unsupported,
  withSubsets,
  type WizardBuilt,
  type WizardExisting,
  type WizardReading,
} from "./common";

/** Every offered subset gets a slider; subsets the route does not name start at 0. */
export function readWeightedSplit(
  route: RouteDestination[] | undefined,
  existing: WizardExisting,
  subsets: string[],
  where: string,
): WizardReading<TrafficShiftingInput> {
  if (subsets.length === 0)
    return unsupported(
      `${existing.service.name} has no subsets and no workloads with a version label to split traffic between`,
    );
  if (!route) return { supported: true, input: { routes: evenSplit(subsets) } };
  const read = readRouteDestinations(route, existing.service, where);
  if (!Array.isArray(read)) return read;
  // One destination to the service itself is what no VirtualService does: Kubernetes balancing.
  if (read.length === 1 && read[0]?.subset === null) return { supported: true, input: { routes: evenSplit(subsets) } };
  if (read.some((r) => r.subset === null))
    return unsupported(`${where} mixes the whole service with subsets, which the sliders cannot show`);
  const unknown = read.find((r) => r.subset !== null && !subsets.includes(r.subset));
  if (unknown)
    return unsupported(`${where} routes to subset ${unknown.subset}, which the DestinationRule does not define`);
  const routes: WeightedRoute[] = subsets.map((subset) => ({
    subset,
    weight: read.find((r) => r.subset === subset)?.weight ?? 0,
  }));
  return { supported: true, input: { routes } };
}

export function checkSplitSubsets(input: TrafficShiftingInput): string[] {
  return input.routes.map((r, i) => {
    if (r.subset === null) throw invalidInput(`routes.${i}.subset`, "choose a subset to shift traffic to");
    return r.subset;
  });
}

export function readTrafficShifting(existing: WizardExisting, subsets: string[]): WizardReading<TrafficShiftingInput> {
  const http = existing.virtualService?.spec?.http ?? [];
  const index = catchAllIndex(http);
  return readWeightedSplit(
    index < 0 ? undefined : http[index]?.route,
    existing,
    subsets,
    `HTTP rule ${index + 1} (the catch-all)`,
  );
}

export function buildTrafficShifting(existing: WizardExisting, input: TrafficShiftingInput): WizardBuilt {
  const destinationRule = withSubsets(existing, checkSplitSubsets(input), "routes");
  const vs = startVirtualService(existing);
  const http: HTTPRoute[] = vs.spec?.http ?? [];
  let index = catchAllIndex(http);
  if (index < 0) index = http.push({}) - 1;
  const rule = http[index] ?? {};
  http[index] = { ...rule, route: toRouteDestinations(input.routes, rule.route, existing.service) };
  vs.spec = { ...vs.spec, http };
  return { virtualService: finishVirtualService(existing, vs), destinationRule };
}
