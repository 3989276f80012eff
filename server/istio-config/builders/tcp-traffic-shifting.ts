/**
 * TCP traffic shifting: owns the weighted route of the VirtualService's catch-all TCP rule
 * (no match block). HTTP and TLS rules, matched TCP rules and every other field stay intact.
 */
import "server-only";
import type { TcpTrafficShiftingInput } from "@/lib/contracts/traffic";
import type { TCPRoute } from "@/lib/istio/types";
import {
  catchAllIndex,
  startVirtualService,
  toRouteDestinations,
  withSubsets,
  type WizardBuilt,
  type WizardExisting,
  type WizardReading,
} from "./common";
import { checkSplitSubsets, readWeightedSplit } from "./traffic-shifting";

export function readTcpTrafficShifting(
  existing: WizardExisting,
  subsets: string[],
): WizardReading<TcpTrafficShiftingInput> {
  const tcp = existing.virtualService?.spec?.tcp ?? [];
  const index = catchAllIndex(tcp);
  return readWeightedSplit(
    index < 0 ? undefined : tcp[index]?.route,
    existing,
    subsets,
    `TCP rule ${index + 1} (the catch-all)`,
  );
}

export function buildTcpTrafficShifting(existing: WizardExisting, input: TcpTrafficShiftingInput): WizardBuilt {
  const destinationRule = withSubsets(existing, checkSplitSubsets(input), "routes");
  const vs = startVirtualService(existing);
  const tcp: TCPRoute[] = vs.spec?.tcp ?? [];
  let index = catchAllIndex(tcp);
  if (index < 0) index = tcp.push({}) - 1;
  const rule = tcp[index] ?? {};
  // TCP destinations carry no header operations; the shared helper keeps ports and drops nothing else.
  tcp[index] = {
    ...rule,
    route: toRouteDestinations(input.routes, rule.route, existing.service).map(({ destination, weight }) =>
      weight === undefined ? { destination } : { destination, weight },
    ),
  };
  vs.spec = { ...vs.spec, tcp };
  return { virtualService: vs, destinationRule };
}
