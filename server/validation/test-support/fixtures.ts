/**
 * Builds a ValidationContext from YAML written for a test: Services, Pods/Deployments (their
 * pod labels become workloads) and Istio objects, as a user would `kubectl apply` them.
 */
import { parseAllDocuments } from "yaml";
import { defaultMeshSettings } from "@/server/adapters/kube/list-mesh-inventory";
import { createValidationContext, type MeshInventory, type MeshSettings, type ValidationContext } from "../context";
import type { KindMap, ValidatableObject, ValidatedKind } from "../types";

const FIELD_BY_KIND: Record<ValidatedKind, keyof MeshInventory> = {
  VirtualService: "virtualServices",
  DestinationRule: "destinationRules",
  Gateway: "gateways",
  ServiceEntry: "serviceEntries",
  Sidecar: "sidecars",
  WorkloadEntry: "workloadEntries",
  PeerAuthentication: "peerAuthentications",
  AuthorizationPolicy: "authorizationPolicies",
  RequestAuthentication: "requestAuthentications",
};

interface K8sObject {
  kind: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  spec?: {
    selector?: Record<string, string>;
    ports?: Array<{ port: number; name?: string }>;
    serviceAccountName?: string;
    template?: { metadata?: { labels?: Record<string, string> }; spec?: { serviceAccountName?: string } };
  };
}

export function parseObjects(yaml: string): ValidatableObject[] {
  return parseAllDocuments(yaml)
    .map((doc) => doc.toJSON() as ValidatableObject | null)
    .filter((o): o is ValidatableObject => o !== null && typeof o === "object");
}

/** The one object of a kind in the YAML, typed as that kind. */
export function objectOf<K extends ValidatedKind>(kind: K, yaml: string): KindMap[K] {
  const found = parseObjects(yaml).filter((o) => o.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind} in the fixture, found ${found.length}`);
  return found[0] as unknown as KindMap[K];
}

/** A mesh with nothing in it, under istiod's default settings: what a test adds its objects to. */
export function emptyMeshInventory(): MeshInventory {
  return {
    namespaces: [],
    services: [],
    workloads: [],
    virtualServices: [],
    destinationRules: [],
    gateways: [],
    serviceEntries: [],
    sidecars: [],
    workloadEntries: [],
    peerAuthentications: [],
    authorizationPolicies: [],
    requestAuthentications: [],
    mesh: defaultMeshSettings,
  };
}

/**
 * The namespaces of the mesh are those a `kind: Namespace` document names and those the
 * fixture's objects live in (an object cannot exist in a namespace that does not).
 */
export function contextFrom(yaml: string, mesh: Partial<MeshSettings> = {}): ValidationContext {
  const empty = emptyMeshInventory();
  const inventory: MeshInventory = { ...empty, mesh: { ...empty.mesh, ...mesh } };
  const namespaces = new Set<string>();
  for (const object of parseObjects(yaml) as unknown as K8sObject[]) {
    if (object.kind === "Namespace") {
      namespaces.add(object.metadata?.name ?? "");
      continue;
    }
    const namespace = object.metadata?.namespace ?? "default";
    const name = object.metadata?.name ?? "";
    namespaces.add(namespace);
    if (object.kind === "Service") {
      inventory.services.push({
        namespace,
        name,
        selector: object.spec?.selector ?? {},
        ports: (object.spec?.ports ?? []).map((p) => ({ ...p, protocol: "TCP" })),
      });
    } else if (object.kind === "Pod") {
      inventory.workloads.push({
        kind: "Pod",
        namespace,
        name,
        labels: object.metadata?.labels ?? {},
        serviceAccount: object.spec?.serviceAccountName ?? "default",
      });
    } else if (object.kind === "Deployment") {
      inventory.workloads.push({
        kind: "Pod",
        namespace,
        name,
        labels: object.spec?.template?.metadata?.labels ?? {},
        serviceAccount: object.spec?.template?.spec?.serviceAccountName ?? "default",
      });
    } else if (object.kind in FIELD_BY_KIND) {
      (inventory[FIELD_BY_KIND[object.kind as ValidatedKind]] as unknown[]).push({
        ...object,
        metadata: { ...object.metadata, namespace },
      });
      if (object.kind === "WorkloadEntry") {
        const spec = object.spec as { labels?: Record<string, string>; serviceAccount?: string } | undefined;
        inventory.workloads.push({
          kind: "WorkloadEntry",
          namespace,
          name,
          labels: spec?.labels ?? {},
          serviceAccount: spec?.serviceAccount ?? "default",
        });
      }
    }
  }
  inventory.namespaces = [...namespaces].sort();
  return createValidationContext(inventory);
}

/** A small Bookinfo: reviews (v1, v2), ratings (v1) and the ingress gateway in istio-system. */
export const BOOKINFO = `
apiVersion: v1
kind: Service
metadata: { name: reviews, namespace: bookinfo }
spec: { selector: { app: reviews }, ports: [{ port: 9080, name: http }] }
---
apiVersion: v1
kind: Service
metadata: { name: ratings, namespace: bookinfo }
spec: { selector: { app: ratings }, ports: [{ port: 9080, name: http }] }
---
apiVersion: v1
kind: Pod
metadata: { name: reviews-v1, namespace: bookinfo, labels: { app: reviews, version: v1 } }
---
apiVersion: v1
kind: Pod
metadata: { name: reviews-v2, namespace: bookinfo, labels: { app: reviews, version: v2 } }
---
apiVersion: v1
kind: Pod
metadata: { name: ratings-v1, namespace: bookinfo, labels: { app: ratings, version: v1 } }
---
apiVersion: v1
kind: Pod
metadata: { name: istio-ingressgateway, namespace: istio-system, labels: { app: istio-ingressgateway, istio: ingressgateway } }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec:
  host: reviews
  subsets:
  - { name: v1, labels: { version: v1 } }
  - { name: v2, labels: { version: v2 } }
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: bookinfo-gateway, namespace: bookinfo }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 8080, name: http, protocol: HTTP }
    hosts: ["bookinfo.example.com"]
`;

export const codesOf = (checks: ReadonlyArray<{ code: string }>) => checks.map((c) => c.code);
