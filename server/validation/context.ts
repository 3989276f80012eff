/**
 * What the rules know about the mesh: the registry (Services, ServiceEntries), the label
 * sets of running workloads, every Istio object, and the mesh settings — gathered once by
 * the loader, indexed here, then read by every rule. Pure data: rules are unit-tested by
 * building a context from YAML fixtures, without a cluster.
 */
import "server-only";
import {
  istioInventoryKinds,
  type IstioKey,
  type MeshInventory,
  type MeshSettings,
  type WorkloadLabels,
} from "@/server/adapters/kube/list-mesh-inventory";
import type { ServiceSummary } from "@/server/adapters/kube/list-services";
import type { SecretFacts } from "@/lib/contracts/gateways";

export type { MeshInventory, MeshSettings, WorkloadLabels };

export interface ValidationContext extends MeshInventory {
  /** `name.namespace.svc.<domain>` → Service. */
  servicesByHost: ReadonlyMap<string, ServiceSummary>;
  workloadsByNamespace: ReadonlyMap<string, readonly WorkloadLabels[]>;
  /**
   * Gateways' credential Secrets, present only where a page asked for them (a Gateway's
   * detail, the editor): Secrets are read as the viewer and never cached, so the shared
   * context has none and the credential rule then says nothing.
   */
  credentials?: GatewayCredentials;
}

export interface GatewayCredentials {
  /** What "expired" is measured against. */
  now: Date;
  /** `namespace/name` → what was found; a Secret not looked up is absent. */
  secrets: ReadonlyMap<string, SecretFacts>;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export function createValidationContext(inventory: MeshInventory): ValidationContext {
  const domain = inventory.mesh.domain;
  return {
    ...inventory,
    servicesByHost: new Map(inventory.services.map((s) => [`${s.name}.${s.namespace}.svc.${domain}`, s])),
    workloadsByNamespace: groupBy(inventory.workloads, (w) => w.namespace),
  };
}

/** Every Istio object the inventory holds, whatever its kind (the kinds come from one table). */
export function configObjectsOf(inventory: MeshInventory): IstioConfigObject[] {
  return (Object.keys(istioInventoryKinds) as IstioKey[]).flatMap<IstioConfigObject>((key) => inventory[key]);
}

type IstioConfigObject = MeshInventory[IstioKey][number];
