/** GET /api/traffic/{namespace}/{service}: the live objects and each wizard's starting form. */
import "server-only";
import { wizardIds, type TrafficState, type WizardId } from "@/lib/contracts/traffic";
import { carriesTcp, portTrafficOf } from "@/lib/istio/port-protocol";
import { wizardBuilders } from "@/server/istio-config/builders";
import { loadTrafficContext, type TrafficContext, type TrafficReadDeps } from "./traffic-context";

/** Which object each wizard writes, so an ambiguous object blocks exactly the wizards that would write it. */
export const wizardWrites: Record<WizardId, { virtualService: boolean; destinationRule: boolean }> = {
  "traffic-shifting": { virtualService: true, destinationRule: true },
  "tcp-traffic-shifting": { virtualService: true, destinationRule: true },
  "request-routing": { virtualService: true, destinationRule: true },
  "fault-injection": { virtualService: true, destinationRule: false },
  "timeouts-retries": { virtualService: true, destinationRule: false },
  "circuit-breaker": { virtualService: false, destinationRule: true },
  mirroring: { virtualService: true, destinationRule: true },
};

const portsOf = (context: TrafficContext) =>
  context.service.ports.map((p) => ({
    name: p.name,
    port: p.port,
    protocol: p.appProtocol ?? p.protocol,
    traffic: portTrafficOf(p),
  }));

/**
 * Why a wizard cannot run for this service: TCP rules for a service with no port Istio routes as
 * TCP would route nothing; an ambiguous object blocks the wizards that would write it.
 */
export function blockedReason(context: TrafficContext, wizard: WizardId): string | undefined {
  if (wizard === "tcp-traffic-shifting" && !carriesTcp(portsOf(context)))
    return `${context.service.name} has no port Istio routes as TCP (named tcp-…, tls-…, mongo-…, or with no declared protocol), so TCP rules would route nothing; use Traffic shifting`;
  const writes = wizardWrites[wizard];
  return (
    (writes.virtualService ? context.blockedVirtualService : undefined) ??
    (writes.destinationRule ? context.blockedDestinationRule : undefined)
  );
}

export async function getTrafficState(
  deps: TrafficReadDeps,
  namespace: string,
  service: string,
): Promise<TrafficState> {
  const context = await loadTrafficContext(deps, namespace, service);
  const subsetNames = context.subsets.map((s) => s.name);
  const wizards = Object.fromEntries(
    wizardIds.map((id) => {
      const blocked = blockedReason(context, id);
      return [
        id,
        blocked ? { supported: false, reason: blocked } : wizardBuilders[id].read(context.existing, subsetNames),
      ];
    }),
  ) as TrafficState["wizards"];
  return {
    namespace,
    service,
    host: `${service}.${namespace}.svc.cluster.local`,
    ports: portsOf(context),
    subsets: context.subsets,
    virtualService: context.existing.virtualService as TrafficState["virtualService"],
    destinationRule: context.existing.destinationRule as TrafficState["destinationRule"],
    wizards,
  };
}
