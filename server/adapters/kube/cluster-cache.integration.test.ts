/**
 * The cluster cache against the simulated cluster: reads are served from the watch (no list
 * request per read), changes made elsewhere show up without a relist, and Topsail's own
 * writes are visible to the very next read.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RequestContext } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { kubectlFor, type Kubectl } from "@/sim/test-support/run-kubectl";
import { waitFor } from "@/sim/test-support/wait-for";
import {
  clusterCacheFor,
  connectionFromKubeconfig,
  listNamespaces,
  stopClusterCaches,
  type KubeConnection,
} from "@/server/adapters/kube";
import { getIstioObject, listIstioObjects, replaceIstioObject } from "@/server/adapters/kube/istio-objects";
import { listMeshInventory } from "@/server/adapters/kube/list-mesh-inventory";
import { listServices } from "@/server/adapters/kube/list-services";
import { listWorkloads } from "@/server/adapters/kube/list-workloads";

describe("the cluster cache", () => {
  let sim: RunningSimulator;
  let dir: string;
  let connection: KubeConnection;
  let kubectl: Kubectl;
  /** Every API request the connection sends but watches, as "METHOD path". */
  const requests: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "topsail-cluster-cache-"));
    sim = await startSimulator({
      port: 0,
      dataDir: path.join(dir, "sim"),
      kubeconfigPath: path.join(dir, "kubeconfig"),
    });
    connection = connectionFromKubeconfig(sim.kubeconfigPath);
    // client-node authenticates every request here (lists, gets, writes, watches); reads
    // are counted, the watches that keep the cache are not.
    const kubeConfig = connection.kubeConfig;
    const authenticate = kubeConfig.applySecurityAuthentication.bind(kubeConfig);
    kubeConfig.applySecurityAuthentication = async (context: RequestContext) => {
      const url = new URL(context.getUrl());
      if (url.searchParams.get("watch") !== "true") requests.push(`${context.getHttpMethod()} ${url.pathname}`);
      return authenticate(context);
    };
    kubectl = kubectlFor(sim.kubeconfigPath, path.join(dir, "kubectl-cache"));
  });

  afterAll(async () => {
    await stopClusterCaches();
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves namespaces, workloads, services, Istio config and the mesh inventory without a request per read", async () => {
    await listMeshInventory(connection);
    requests.length = 0;
    for (let i = 0; i < 5; i++) {
      const [namespaces, workloads, services, destinationRules, inventory] = await Promise.all([
        listNamespaces(connection),
        listWorkloads(connection, "bookinfo"),
        listServices(connection, "bookinfo"),
        listIstioObjects(connection, "DestinationRule", "bookinfo"),
        listMeshInventory(connection),
      ]);
      expect(namespaces.map((n) => n.name)).toContain("bookinfo");
      expect(workloads.map((w) => w.name)).toContain("reviews-v2");
      expect(workloads.find((w) => w.name === "reviews-v2")?.runningPods).toBeGreaterThan(0);
      expect(services.map((s) => s.name)).toContain("productpage");
      expect(destinationRules.map((r) => r.metadata.name)).toContain("reviews");
      expect(inventory.services.length).toBeGreaterThan(services.length - 1);
    }
    expect(requests).toEqual([]);
  });

  it("sees a change made with kubectl without listing again", async () => {
    await listNamespaces(connection);
    requests.length = 0;
    const done = await kubectl.run(["label", "namespace", "httpbin", "team=payments"]);
    expect(done.stderr).toBe("");
    const labelled = await waitFor(
      async () => (await listNamespaces(connection)).find((n) => n.name === "httpbin" && n.labels.team === "payments"),
      "the label in the cache",
      5000,
    );
    expect(labelled.labels.team).toBe("payments");
    expect(requests).toEqual([]);
  });

  it("shows Topsail's own write to the very next read", async () => {
    const before = await getIstioObject(connection, {
      kind: "DestinationRule",
      namespace: "bookinfo",
      name: "reviews",
    });
    if (!before) throw new Error("the simulator boots with a reviews DestinationRule");
    const written = await replaceIstioObject(connection, {
      ...before,
      metadata: {
        ...before.metadata,
        labels: { ...(before.metadata.labels as Record<string, string>), touched: "yes" },
      },
    });
    const after = await getIstioObject(connection, { kind: "DestinationRule", namespace: "bookinfo", name: "reviews" });
    expect(after?.metadata.resourceVersion).toBe(written.metadata.resourceVersion);
    expect((after?.metadata.labels as Record<string, string>).touched).toBe("yes");
  });

  it("hands out frozen objects, so no reader can change what the next one reads", async () => {
    const [first] = await clusterCacheFor(connection).list("VirtualService", "bookinfo");
    expect(() => {
      (first!.object.spec as Record<string, unknown>).hosts = ["changed"];
    }).toThrow(TypeError);
  });
});
