/** destination_service / _name / _namespace for each kind of destination (istio-facts §2). */
import type { DestinationService } from "@/lib/istio/routing/resolve-cluster";
import type { ServiceLabels } from "./labels";

export function serviceLabelsOf(service: DestinationService): ServiceLabels {
  return { host: service.host, name: service.name, namespace: service.namespace };
}

/** A request that matched no route still names the host it asked for. */
export function requestedServiceLabels(service: DestinationService): ServiceLabels {
  if (service.kind === "passthrough" || service.kind === "blackhole")
    return { host: service.host, name: service.host, namespace: "unknown" };
  return serviceLabelsOf(service);
}
