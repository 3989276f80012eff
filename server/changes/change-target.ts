/**
 * A service, workload or app of a namespace, resolved to what mesh config refers to it by:
 * its services' host names and its workloads' labels (touches.ts reads them). Pure over the
 * registry the validation context holds (server/validation/context.ts).
 *
 * - a service: its own host, and the workloads its selector picks;
 * - a workload: its labels, and the services whose selector picks it;
 * - an app: the workloads labelled `app: <name>` (Istio's canonical app, lib/istio/canonical.ts,
 *   falls back to that label too), and the services that pick any of them.
 * A Service without a selector picks no workload (its endpoints are managed by hand).
 */
import "server-only";
import type { ChangeTarget as TargetRef } from "@/lib/contracts/changes";
import type { ServiceSummary } from "@/server/adapters/kube/list-services";
import type { WorkloadLabels } from "@/server/validation/context";
import { labelsMatch } from "@/server/validation/labels";
import type { ChangeTarget, TargetWorkload } from "./touches";

export interface Registry {
  services: readonly ServiceSummary[];
  workloads: readonly WorkloadLabels[];
  domain: string;
}

const picks = (service: ServiceSummary, labels: Readonly<Record<string, string>>) =>
  Object.keys(service.selector).length > 0 && labelsMatch(service.selector, labels);

/** One row per workload name (a Deployment's pods share its labels). */
function distinct(workloads: readonly WorkloadLabels[]): TargetWorkload[] {
  const byName = new Map<string, TargetWorkload>();
  for (const w of workloads) if (!byName.has(w.name)) byName.set(w.name, { name: w.name, labels: w.labels });
  return [...byName.values()];
}

/** undefined: the namespace has no such service, workload or app now. */
export function resolveChangeTarget(namespace: string, ref: TargetRef, registry: Registry): ChangeTarget | undefined {
  const services = registry.services.filter((s) => s.namespace === namespace);
  const workloads = registry.workloads.filter((w) => w.namespace === namespace);
  const hostOf = (s: ServiceSummary) => `${s.name}.${namespace}.svc.${registry.domain}`;
  if (ref.kind === "service") {
    const service = services.find((s) => s.name === ref.name);
    if (!service) return undefined;
    return {
      namespace,
      hosts: new Set([hostOf(service)]),
      workloads: distinct(workloads.filter((w) => picks(service, w.labels))),
    };
  }
  const own = distinct(
    workloads.filter((w) => (ref.kind === "workload" ? w.name === ref.name : w.labels.app === ref.name)),
  );
  // A workload scaled to zero has no pods to read labels from; its own Deployment's changes still touch it.
  if (own.length === 0 && ref.kind === "app") return undefined;
  const targetWorkloads = own.length > 0 ? own : [{ name: ref.name, labels: {} }];
  return {
    namespace,
    hosts: new Set(services.filter((s) => own.some((w) => picks(s, w.labels))).map(hostOf)),
    workloads: targetWorkloads,
  };
}
