/**
 * One Overview card per namespace (pure): injection label state and pods without a
 * sidecar, counts, applications by health, Istio config findings of the namespace's own
 * objects, and the inbound sparklines (requests/s and TCP bytes/s).
 */
import "server-only";
import type { HealthStatus } from "@/lib/contracts/graph";
import type { HealthCounts, NamespaceOverview } from "@/lib/contracts/overview";
import type { ObjectValidation } from "@/lib/contracts/validations";
import type { RangeSeries } from "@/server/adapters/prometheus";
import type { NamespaceInventory } from "@/server/inventory";
import { injectionStateOf } from "@/server/inventory";
import type { SparklineTraffic } from "./overview-queries";

const pointsOf = (series: RangeSeries | undefined): [number, number][] =>
  (series?.points ?? []).map((p) => [p.time, Number.isFinite(p.value) ? p.value : 0]);

export function countHealth(statuses: readonly HealthStatus[]): HealthCounts {
  const counts: HealthCounts = { healthy: 0, degraded: 0, failure: 0, na: 0, unknown: 0 };
  for (const s of statuses) counts[s] += 1;
  return counts;
}

/**
 * A control-plane namespace: the mesh's root namespace, or one that runs istiod (a second
 * revision's control plane, as server/mesh/control-plane.ts finds istiod: `app: istiod`).
 */
export function isControlPlaneNamespace(
  inventory: { namespace: string; workloads: readonly { app: string }[] },
  rootNamespace: string,
): boolean {
  return inventory.namespace === rootNamespace || inventory.workloads.some((w) => w.app === "istiod");
}

export function buildNamespaceOverview(
  inventory: NamespaceInventory,
  validations: readonly ObjectValidation[],
  sparklines: Partial<Record<SparklineTraffic, RangeSeries>>,
  rootNamespace: string,
): NamespaceOverview {
  const ns = inventory.objects.namespace;
  const own = validations.filter((v) => v.namespace === ns.name);
  const count = (severity: "error" | "warning") =>
    own.reduce((n, v) => n + v.checks.filter((c) => c.severity === severity).length, 0);
  const revision = ns.labels["istio.io/rev"];
  return {
    name: ns.name,
    labels: ns.labels,
    controlPlane: isControlPlaneNamespace(inventory, rootNamespace),
    ...(ns.resourceVersion ? { resourceVersion: ns.resourceVersion } : {}),
    injection: {
      state: injectionStateOf(ns.labels),
      ...(revision ? { revision } : {}),
      pods: inventory.workloads.reduce((n, w) => n + w.pods, 0),
      podsWithoutSidecar: inventory.workloads.reduce((n, w) => n + w.podsWithoutSidecar, 0),
    },
    counts: {
      applications: inventory.applications.length,
      workloads: inventory.workloads.length,
      services: inventory.services.length,
    },
    health: countHealth(inventory.applications.map((a) => a.health.status)),
    config: { objects: own.length, errors: count("error"), warnings: count("warning") },
    inboundRate: pointsOf(sparklines.http),
    inboundTcpRate: pointsOf(sparklines.tcp),
  };
}
