/**
 * The simulator as @kubernetes/client-node sees it: the generated kubeconfig verifies TLS
 * against the simulator's CA, informers list and watch, and writes behave like a cluster's.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiException,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  makeInformer,
  setHeaderOptions,
  type KubernetesObject,
  type V1Pod,
} from "@kubernetes/client-node";
import { startSimulator, type RunningSimulator } from "../index";
import { waitFor } from "../test-support/wait-for";

const NS = "client-node-test";
const VS = { group: "networking.istio.io", version: "v1", namespace: NS, plural: "virtualservices" };

interface VirtualService extends KubernetesObject {
  spec: { hosts?: string[]; gateways?: string[]; http?: unknown[] };
}

function virtualService(name: string, subset: string): VirtualService {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name, namespace: NS },
    spec: { hosts: [name], http: [{ route: [{ destination: { host: name, subset } }] }] },
  };
}

function pod(name: string): V1Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: NS, labels: { app: name } },
    spec: { containers: [{ name: "app", image: "example/app:1" }] },
  };
}

let sim: RunningSimulator;
let dir: string;
let core: CoreV1Api;
let custom: CustomObjectsApi;
let kc: KubeConfig;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topsail-sim-client-node-"));
  sim = await startSimulator({ port: 0, dataDir: join(dir, "data"), kubeconfigPath: join(dir, "kubeconfig") });
  kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  core = kc.makeApiClient(CoreV1Api);
  custom = kc.makeApiClient(CustomObjectsApi);
  await core.createNamespace({ body: { metadata: { name: NS } } });
});

afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("client-node against the simulator", () => {
  it("verifies TLS with the CA from the kubeconfig and lists namespaces", async () => {
    const list = await core.listNamespace();
    expect(list.items.map((n) => n.metadata?.name)).toContain(NS);
    expect(list.metadata?.resourceVersion).toMatch(/^\d+$/);
  });

  it("keeps a pod informer in step with creates and deletes", async () => {
    const informer = makeInformer<V1Pod>(kc, `/api/v1/namespaces/${NS}/pods`, () =>
      core.listNamespacedPod({ namespace: NS }),
    );
    const added: string[] = [];
    const deleted: string[] = [];
    informer.on("add", (p) => added.push(p.metadata?.name ?? ""));
    informer.on("delete", (p) => deleted.push(p.metadata?.name ?? ""));
    await core.createNamespacedPod({ namespace: NS, body: pod("before-start") });
    await informer.start();
    try {
      await core.createNamespacedPod({ namespace: NS, body: pod("after-start") });
      await waitFor(() => added.includes("before-start") && added.includes("after-start"), "both pods in the informer");
      await core.deleteNamespacedPod({ namespace: NS, name: "after-start" });
      await waitFor(() => deleted.includes("after-start"), "the delete event");
      expect(informer.list(NS).map((p) => p.metadata?.name)).not.toContain("after-start");
    } finally {
      await informer.stop();
    }
  });

  it("keeps a VirtualService informer in step with updates", async () => {
    const informer = makeInformer<VirtualService>(
      kc,
      `/apis/networking.istio.io/v1/namespaces/${NS}/virtualservices`,
      async () =>
        (await custom.listNamespacedCustomObject(VS)) as {
          items: VirtualService[];
          metadata: { resourceVersion: string };
        },
    );
    const updates: VirtualService[] = [];
    informer.on("update", (vs) => updates.push(vs));
    await informer.start();
    try {
      await custom.createNamespacedCustomObject({ ...VS, body: virtualService("watched", "v1") });
      await waitFor(() => informer.get("watched", NS), "the VirtualService in the informer cache");
      await custom.patchNamespacedCustomObject(
        { ...VS, name: "watched", body: { spec: { gateways: ["mesh"] } } },
        setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
      );
      const seen = await waitFor(() => updates.find((u) => u.spec.gateways?.includes("mesh")), "the update event");
      expect(seen.metadata?.generation).toBe(2);
    } finally {
      await informer.stop();
    }
  });

  it("creates, replaces, merge-patches, JSON-patches and deletes a VirtualService", async () => {
    const created = (await custom.createNamespacedCustomObject({
      ...VS,
      body: virtualService("reviews", "v1"),
    })) as VirtualService;
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.metadata?.generation).toBe(1);

    const replaced = (await custom.replaceNamespacedCustomObject({
      ...VS,
      name: "reviews",
      body: {
        ...created,
        spec: { ...created.spec, http: [{ route: [{ destination: { host: "reviews", subset: "v2" } }] }] },
      },
    })) as VirtualService;
    expect(replaced.metadata?.generation).toBe(2);
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));

    const merged = (await custom.patchNamespacedCustomObject(
      { ...VS, name: "reviews", body: { spec: { gateways: ["bookinfo-gateway"] } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    )) as VirtualService;
    expect(merged.spec.gateways).toEqual(["bookinfo-gateway"]);
    expect(merged.spec.hosts).toEqual(["reviews"]);

    const jsonPatched = (await custom.patchNamespacedCustomObject(
      {
        ...VS,
        name: "reviews",
        body: [{ op: "replace", path: "/spec/hosts/0", value: "reviews.client-node-test.svc.cluster.local" }],
      },
      setHeaderOptions("Content-Type", PatchStrategy.JsonPatch),
    )) as VirtualService;
    expect(jsonPatched.spec.hosts).toEqual(["reviews.client-node-test.svc.cluster.local"]);
    expect(jsonPatched.spec.gateways).toEqual(["bookinfo-gateway"]);

    await custom.deleteNamespacedCustomObject({ ...VS, name: "reviews" });
    const err = await custom.getNamespacedCustomObject({ ...VS, name: "reviews" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiException);
    expect((err as ApiException<string>).code).toBe(404);
    expect(String((err as ApiException<string>).body)).toContain(
      'virtualservices.networking.istio.io \\"reviews\\" not found',
    );
  });

  it("refuses a replace with a stale resourceVersion with 409 Conflict and changes nothing", async () => {
    const first = (await custom.createNamespacedCustomObject({
      ...VS,
      body: virtualService("ratings", "v1"),
    })) as VirtualService;
    await custom.patchNamespacedCustomObject(
      { ...VS, name: "ratings", body: { spec: { gateways: ["mesh"] } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    const before = (await custom.getNamespacedCustomObject({ ...VS, name: "ratings" })) as VirtualService;

    const stale = { ...first, spec: { ...first.spec, hosts: ["changed"] } };
    const err = await custom
      .replaceNamespacedCustomObject({ ...VS, name: "ratings", body: stale })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiException);
    expect((err as ApiException<string>).code).toBe(409);
    const status = JSON.parse(String((err as ApiException<string>).body)) as { reason: string; message: string };
    expect(status.reason).toBe("Conflict");
    expect(status.message).toBe(
      'Operation cannot be fulfilled on virtualservices.networking.istio.io "ratings": the object has been modified; please apply your changes to the latest version and try again',
    );

    const after = (await custom.getNamespacedCustomObject({ ...VS, name: "ratings" })) as VirtualService;
    expect(after).toEqual(before);
  });
});
