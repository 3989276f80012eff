/**
 * Test support only (imported by *.test.ts, *.integration.test.ts and the bench): a store
 * holding the default scenario, with the pods the Deployment and ReplicaSet controllers
 * would create (a ReplicaSet owner named `<deployment>-<hash>`, so workload names come
 * out as Istio reports them). Pods go through admission, so sidecars are injected exactly
 * as in the running simulator.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { admit } from "../../admission";
import { createAdmittedStore } from "../../store/admitted-store";
import { MemoryStore } from "../../store/memory-store";
import { findResourceByKind } from "../../store/resource-registry";
import type { KubeObject, StoreClient } from "../../store/types";

const SCENARIO_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../scenarios/default");

export function parseObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJSON() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null && typeof o === "object" && typeof o.kind === "string");
}

export function createTestStore(): StoreClient {
  return createAdmittedStore(new MemoryStore(), admit);
}

/** Creates or replaces each object (by kind, namespace, name). */
export function applyObjects(store: StoreClient, objects: KubeObject[]): void {
  for (const object of objects) {
    const def = findResourceByKind(object.apiVersion, object.kind);
    if (!def) throw new Error(`not served: ${object.apiVersion} ${object.kind}`);
    const existing = store.get(def, object.metadata.namespace, object.metadata.name ?? "");
    if (existing)
      store.update(def, {
        ...object,
        metadata: { ...object.metadata, resourceVersion: existing.metadata.resourceVersion },
      });
    else store.create(def, object);
    if (object.kind === "Deployment") createPodsFor(store, object);
  }
}

export function applyYaml(store: StoreClient, text: string): void {
  applyObjects(store, parseObjects(text));
}

export function deleteObject(
  store: StoreClient,
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
): void {
  const def = findResourceByKind(apiVersion, kind);
  if (def) store.delete(def, namespace, name);
}

let podCount = 0;
function nextPodIp(): string {
  podCount++;
  return `10.244.${1 + (podCount >> 8)}.${podCount & 255}`;
}

function createPodsFor(store: StoreClient, deployment: KubeObject): void {
  const spec = (deployment.spec ?? {}) as {
    replicas?: number;
    template?: { metadata?: KubeObject["metadata"]; spec?: unknown };
  };
  const name = deployment.metadata.name ?? "";
  const namespace = deployment.metadata.namespace ?? "default";
  const hash = "5d8f9c7b6";
  const pods = { group: "", resource: "pods" };
  const existing = store
    .list(pods, namespace)
    .items.filter((p) => p.metadata.ownerReferences?.some((o) => o.name === `${name}-${hash}`));
  for (const pod of existing) store.delete(pods, namespace, pod.metadata.name ?? "");
  for (let i = 0; i < (spec.replicas ?? 1); i++) {
    store.create(pods, {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: `${name}-${hash}-${"abcdefghij"[i % 10]}${i}x2z`,
        namespace,
        labels: { ...(spec.template?.metadata?.labels ?? {}), "pod-template-hash": hash },
        annotations: { ...(spec.template?.metadata?.annotations ?? {}) },
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "ReplicaSet", name: `${name}-${hash}`, uid: `uid-${name}`, controller: true },
        ],
      },
      spec: structuredClone(spec.template?.spec ?? {}),
      // Addresses only show in access logs (telemetry/access-log.ts); any unique one will do.
      status: { phase: "Running", podIP: nextPodIp(), conditions: [{ type: "Ready", status: "True" }] },
    });
  }
}

/** A store with the whole default scenario applied (Istio control plane, Bookinfo, httpbin, tcp-echo). */
export function createDefaultScenarioStore(): StoreClient {
  const store = createTestStore();
  for (const file of readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    applyObjects(store, parseObjects(readFileSync(path.join(SCENARIO_DIR, file), "utf8")));
  }
  return store;
}
