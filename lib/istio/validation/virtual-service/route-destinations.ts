/** Weighted destinations of http/tcp/tls routes: each weight ≥ 0, a split must not total 0. */
import type { HTTPRouteDestination, RouteDestination } from "../../types";
import { checkDestination } from "../common-checks";
import { MESSAGES as M } from "../messages";
import type { Findings } from "../types";

export function checkRouteDestinations(
  f: Findings,
  path: string,
  routes: Array<HTTPRouteDestination | RouteDestination | null> | undefined,
): void {
  const list = routes ?? [];
  let total = 0;
  list.forEach((route, i) => {
    const at = `${path}[${i}]`;
    if (!route) {
      f.error(at, M.weightNil());
      return;
    }
    if (!route.destination) f.error(`${at}/destination`, M.destinationRequired());
    checkDestination(f, `${at}/destination`, route.destination);
    const weight = route.weight ?? 0;
    if (weight < 0) f.error(`${at}/weight`, M.weightNegative(weight));
    total += weight;
  });
  if (list.length > 1 && total === 0) f.error(path, M.totalWeightZero());
}
