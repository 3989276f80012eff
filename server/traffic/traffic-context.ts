/**
 * Where the wizards start for one service: its Service, the workloads it selects (their
 * `version` labels offer subsets), and the one VirtualService and DestinationRule that
 * route it inside the mesh. Ingress-only VirtualServices (gateways without `mesh`) are not
 * the service's routing and are left out. Anything ambiguous — two VirtualServices for the
 * host, or a same-named object that routes something else — blocks the wizards that would
 * write that object, rather than letting them pick one and clobber the other.
 */
import "server-only";
import type { TrafficSubset } from "@/lib/contracts/traffic";
import type { DestinationRule, VirtualService } from "@/lib/istio/types";
import type { ServiceSummary } from "@/server/adapters/kube/list-services";
import type { WorkloadSummary } from "@/server/adapters/kube/list-workloads";
import { isServiceHost, subsetNameForVersion, type WizardExisting } from "@/server/istio-config/builders";
import { TopsailError } from "@/server/errors";

export interface TrafficReadDeps {
  listServices(namespace: string): Promise<ServiceSummary[]>;
  listWorkloads(namespace: string): Promise<WorkloadSummary[]>;
  listVirtualServices(namespace: string): Promise<VirtualService[]>;
  listDestinationRules(namespace: string): Promise<DestinationRule[]>;
}

export interface TrafficContext {
  service: ServiceSummary;
  existing: WizardExisting;
  subsets: TrafficSubset[];
  /** Why wizards that write the VirtualService (or the DestinationRule) cannot run. */
  blockedVirtualService?: string;
  blockedDestinationRule?: string;
}

const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

const isMeshRouting = (vs: VirtualService) =>
  !vs.spec?.gateways || vs.spec.gateways.length === 0 || vs.spec.gateways.includes("mesh");

export async function loadTrafficContext(
  deps: TrafficReadDeps,
  namespace: string,
  name: string,
): Promise<TrafficContext> {
  const [services, workloads, virtualServices, destinationRules] = await Promise.all([
    deps.listServices(namespace),
    deps.listWorkloads(namespace),
    deps.listVirtualServices(namespace),
    deps.listDestinationRules(namespace),
  ]);
  const service = services.find((s) => s.name === name);
  if (!service) throw new TopsailError("not_found", `There is no Service ${name} in namespace ${namespace}.`);
  const ref = { namespace, name };

  const routing = virtualServices.filter(
    (vs) => isMeshRouting(vs) && (vs.spec?.hosts ?? []).some((h) => isServiceHost(h, ref)),
  );
  const rules = destinationRules.filter((dr) => isServiceHost(dr.spec?.host, ref) && !dr.spec?.workloadSelector);
  let blockedVirtualService: string | undefined;
  let blockedDestinationRule: string | undefined;
  if (routing.length > 1)
    blockedVirtualService = `More than one VirtualService routes ${name} (${routing.map((v) => v.metadata.name).join(", ")}); merge them in the YAML editor first`;
  else if (routing.length === 0 && virtualServices.some((vs) => vs.metadata.name === name)) {
    blockedVirtualService = `VirtualService ${name} exists but does not route ${name} inside the mesh; a wizard would overwrite it`;
  }
  if (rules.length > 1)
    blockedDestinationRule = `More than one DestinationRule is for ${name} (${rules.map((r) => r.metadata.name).join(", ")}); merge them in the YAML editor first`;
  else if (rules.length === 0 && destinationRules.some((dr) => dr.metadata.name === name)) {
    blockedDestinationRule = `DestinationRule ${name} exists but is for another host; a wizard would overwrite it`;
  }

  const own = workloads.filter((w) => selects(service.selector, w.labels));
  const versions = [...new Set(own.map((w) => w.labels.version).filter((v): v is string => Boolean(v)))].sort();
  const destinationRule = rules.length === 1 ? (rules[0] ?? null) : null;
  const subsets: TrafficSubset[] = (destinationRule?.spec?.subsets ?? [])
    .filter((s): s is typeof s & { name: string } => Boolean(s.name))
    .map((s) => ({
      name: s.name,
      labels: s.labels ?? {},
      inDestinationRule: true,
      workloads: own.filter((w) => selects(s.labels ?? {}, w.labels)).map((w) => w.name),
    }));
  for (const version of versions) {
    const covered = subsets.some((s) => s.labels.version === version && Object.keys(s.labels).length === 1);
    const subsetName = subsetNameForVersion(version);
    if (!covered && !subsets.some((s) => s.name === subsetName)) {
      subsets.push({
        name: subsetName,
        labels: { version },
        inDestinationRule: false,
        workloads: own.filter((w) => w.labels.version === version).map((w) => w.name),
      });
    }
  }

  return {
    service,
    existing: {
      service: ref,
      virtualService: routing.length === 1 ? (routing[0] ?? null) : null,
      destinationRule,
      versions,
    },
    subsets,
    blockedVirtualService,
    blockedDestinationRule,
  };
}
