/**
 * One namespace's applications, workloads and services, derived (purely) from its core
 * objects, the inbound request totals and the config index:
 * - a workload is a Deployment, or the owner Istio reports for pods no Deployment owns;
 * - an application is the workloads sharing a canonical service (the `app` label, etc.);
 * - a service's workloads are those its selector picks; its versions are theirs.
 * Health: see health.ts. Services are judged on requests only, as Kiali does. `inbound`
 * undefined means Prometheus did not answer: health is then "unknown", never "healthy".
 */
import "server-only";
import type { ApplicationItem, ServiceItem, WorkloadItem } from "@/lib/contracts/inventory";
import { canonicalRevisionOf, canonicalServiceOf } from "@/lib/istio/canonical";
import { labelsMatch } from "@/server/validation/labels";
import type { ConfigIndex } from "./config-refs";
import { uniqueRefs } from "./config-refs";
import { decideHealth, sumTotals, type InboundTotals } from "./health";
import { INJECT_KEY, type NamespaceObjects, type PodObject } from "./read-namespace-objects";

export interface NamespaceInventory {
  namespace: string;
  objects: NamespaceObjects;
  workloads: WorkloadItem[];
  services: ServiceItem[];
  applications: ApplicationItem[];
}

/** Pods that finished no longer serve; they neither count nor lack a sidecar. */
const isLive = (p: PodObject) => p.phase !== "Succeeded" && p.phase !== "Failed";
const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

function commonLabels(sets: readonly Record<string, string>[]): Record<string, string> {
  const [first, ...rest] = sets;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((s) => s[k] === v)));
}

function workloadsOf(
  objects: NamespaceObjects,
  inbound: InboundTotals | undefined,
  config: ConfigIndex,
): WorkloadItem[] {
  const pods = objects.pods.filter(isLive);
  const seeds = new Map<
    string,
    {
      kind: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
      desired: number;
      available: number;
    }
  >();
  for (const d of objects.deployments)
    seeds.set(d.name, {
      kind: "Deployment",
      labels: d.labels,
      annotations: d.annotations,
      desired: d.desiredReplicas,
      available: d.availableReplicas,
    });
  for (const p of pods) {
    if (seeds.has(p.workload)) continue;
    const mine = pods.filter((q) => q.workload === p.workload);
    // Owners other than Deployments: each pod is a replica, a running one is available.
    seeds.set(p.workload, {
      kind: p.ownerKind ?? "Pod",
      labels: p.labels,
      annotations: {},
      desired: mine.length,
      available: mine.filter((q) => q.phase === "Running").length,
    });
  }
  return [...seeds.entries()]
    .map(([name, s]): WorkloadItem => {
      const mine = pods.filter((p) => p.workload === name);
      const services = objects.services
        .filter((svc) => Object.keys(svc.selector).length > 0 && labelsMatch(svc.selector, s.labels))
        .map((svc) => svc.name);
      return {
        namespace: objects.namespace.name,
        name,
        kind: s.kind,
        app: canonicalServiceOf(s.labels, name),
        version: canonicalRevisionOf(s.labels),
        labels: s.labels,
        desiredReplicas: s.desired,
        availableReplicas: s.available,
        pods: mine.length,
        podsWithoutSidecar: mine.filter((p) => !p.hasSidecar && !p.optsOutOfInjection).length,
        podsOutOfMesh: mine.filter((p) => !p.hasSidecar && p.optsOutOfInjection).length,
        ...(s.annotations[INJECT_KEY] !== undefined ? { injectAnnotation: s.annotations[INJECT_KEY] } : {}),
        services,
        health: decideHealth(
          inbound?.workloads.get(name),
          { desired: s.desired, available: s.available },
          inbound !== undefined,
        ),
        config: uniqueRefs([
          ...services.flatMap((svc) => config.forService(objects.namespace.name, svc)),
          ...config.forWorkload(s.labels),
        ]),
      };
    })
    .sort(byName);
}

function servicesOf(
  objects: NamespaceObjects,
  workloads: readonly WorkloadItem[],
  inbound: InboundTotals | undefined,
  config: ConfigIndex,
): ServiceItem[] {
  return objects.services
    .map((svc): ServiceItem => {
      const selected = workloads.filter((w) => w.services.includes(svc.name));
      return {
        namespace: objects.namespace.name,
        name: svc.name,
        labels: svc.labels,
        selector: svc.selector,
        ports: svc.ports,
        versions: [...new Set(selected.map((w) => w.version))].sort(),
        workloads: selected.map((w) => w.name),
        podsWithoutSidecar: selected.reduce((n, w) => n + w.podsWithoutSidecar, 0),
        podsOutOfMesh: selected.reduce((n, w) => n + w.podsOutOfMesh, 0),
        health: decideHealth(inbound?.services.get(svc.name), undefined, inbound !== undefined),
        config: config.forService(objects.namespace.name, svc.name),
      };
    })
    .sort(byName);
}

function applicationsOf(
  namespace: string,
  workloads: readonly WorkloadItem[],
  inbound: InboundTotals | undefined,
): ApplicationItem[] {
  const apps = new Map<string, WorkloadItem[]>();
  for (const w of workloads) apps.set(w.app, [...(apps.get(w.app) ?? []), w]);
  return [...apps.entries()]
    .map(([name, members]): ApplicationItem => ({
      namespace,
      name,
      labels: commonLabels(members.map((w) => w.labels)),
      versions: [...new Set(members.map((w) => w.version))].sort(),
      workloads: members.map((w) => w.name),
      services: [...new Set(members.flatMap((w) => w.services))].sort(),
      podsWithoutSidecar: members.reduce((n, w) => n + w.podsWithoutSidecar, 0),
      podsOutOfMesh: members.reduce((n, w) => n + w.podsOutOfMesh, 0),
      health: decideHealth(
        inbound?.apps.get(name) ?? sumTotals(members.map((w) => inbound?.workloads.get(w.name))),
        {
          desired: members.reduce((n, w) => n + w.desiredReplicas, 0),
          available: members.reduce((n, w) => n + w.availableReplicas, 0),
        },
        inbound !== undefined,
      ),
      config: uniqueRefs(members.flatMap((w) => w.config)),
    }))
    .sort(byName);
}

export function buildInventory(
  objects: NamespaceObjects,
  inbound: InboundTotals | undefined,
  config: ConfigIndex,
): NamespaceInventory {
  const workloads = workloadsOf(objects, inbound, config);
  return {
    namespace: objects.namespace.name,
    objects,
    workloads,
    services: servicesOf(objects, workloads, inbound, config),
    applications: applicationsOf(objects.namespace.name, workloads, inbound),
  };
}
