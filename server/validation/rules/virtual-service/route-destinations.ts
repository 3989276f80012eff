/** Every route destination of a VirtualService (http, tcp, tls), with its path in the object. */
import "server-only";
import type { Destination, VirtualService } from "@/lib/istio/types";

export interface RouteDestinationAt {
  /** e.g. `spec/http[0]/route[1]` */
  path: string;
  /** e.g. `spec/http[0]/route`: the list this destination shares with its siblings. */
  listPath: string;
  destination: Destination | undefined;
  weight: number | undefined;
}

const PROTOCOLS = ["http", "tcp", "tls"] as const;

export function routeLists(vs: VirtualService): RouteDestinationAt[][] {
  const lists: RouteDestinationAt[][] = [];
  for (const protocol of PROTOCOLS) {
    const rules = vs.spec?.[protocol];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, i) => {
      const routes = rule?.route;
      if (!Array.isArray(routes)) return;
      const listPath = `spec/${protocol}[${i}]/route`;
      lists.push(
        routes.map((r, j) => ({ path: `${listPath}[${j}]`, listPath, destination: r?.destination, weight: r?.weight })),
      );
    });
  }
  return lists;
}

export function routeDestinations(vs: VirtualService): RouteDestinationAt[] {
  return routeLists(vs).flat();
}
