/**
 * The validation engine against the simulated cluster: the default Bookinfo scenario reads
 * clean, and the mistakes operators make (a subset nobody defined, a subset with no pods, a
 * gateway that does not exist) are reported with the code and path a user would see.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoreV1Api, CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { clusterCacheFor, stopClusterCaches, type KubeConnection } from "@/server/adapters/kube";
import { validateNamespaces } from "./validate-namespaces";

const DEFAULT_NAMESPACES = ["bookinfo", "httpbin", "tcp-echo", "istio-system"];

let sim: RunningSimulator;
let dir: string;
let connection: KubeConnection;
let custom: CustomObjectsApi;

async function waitForRunningPods(core: CoreV1Api, namespace: string, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const pods = await core.listNamespacedPod({ namespace });
    if (pods.items.filter((p) => p.status?.phase === "Running").length >= count) return;
    if (Date.now() > deadline) throw new Error(`pods of ${namespace} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Creates the object as kubectl would, then waits until the console's cluster cache has seen it (it follows a watch).
 */
async function apply(
  plural: string,
  body: Record<string, unknown> & { kind: string; metadata: { name: string; namespace?: string } },
): Promise<void> {
  const created = (await custom.createNamespacedCustomObject({
    group: "networking.istio.io",
    version: "v1",
    namespace: "bookinfo",
    plural,
    body,
  })) as { metadata: { resourceVersion: string } };
  const seen = await clusterCacheFor(connection).caughtUp(
    { kind: body.kind, namespace: "bookinfo", name: body.metadata.name },
    created.metadata.resourceVersion,
    10_000,
  );
  if (!seen) throw new Error(`the cluster cache did not see ${body.kind} ${body.metadata.name} within 10 s`);
}

async function validationOf(kind: string, name: string) {
  const results = await validateNamespaces(["bookinfo"], connection);
  const found = results.find((r) => r.kind === kind && r.name === name);
  if (!found) throw new Error(`${kind} ${name} not validated`);
  return found;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topsail-validation-"));
  sim = await startSimulator({ port: 0, dataDir: join(dir, "data"), kubeconfigPath: join(dir, "kubeconfig") });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(sim.kubeconfigPath);
  connection = { kubeConfig, server: sim.url, context: kubeConfig.getCurrentContext(), source: "KUBECONFIG" };
  custom = kubeConfig.makeApiClient(CustomObjectsApi);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  // productpage, details, ratings and reviews v1–v3.
  await waitForRunningPods(core, "bookinfo", 6);
  await waitForRunningPods(core, "istio-system", 2);
});

afterAll(async () => {
  await stopClusterCaches();
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("Istio config validation against the simulated cluster", () => {
  it("finds nothing wrong with the default scenario", async () => {
    const results = await validateNamespaces(DEFAULT_NAMESPACES, connection);
    expect(results.map((r) => `${r.kind} ${r.namespace}/${r.name}`)).toEqual(
      expect.arrayContaining([
        "VirtualService bookinfo/bookinfo",
        "Gateway bookinfo/bookinfo-gateway",
        "DestinationRule bookinfo/reviews",
      ]),
    );
    expect(results.filter((r) => r.checks.length > 0)).toEqual([]);
  });

  it("reports a route to subset v4 of reviews as KIA1107 at the destination", async () => {
    await apply("virtualservices", {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "reviews", namespace: "bookinfo" },
      spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v4" } }] }] },
    });
    const result = await validationOf("VirtualService", "reviews");
    expect(result.checks).toEqual([
      {
        code: "KIA1107",
        severity: "warning",
        message: "Subset not found: subset v4 of reviews (bookinfo) is not defined in any DestinationRule",
        path: "spec/http[0]/route[0]/destination",
      },
    ]);
    expect(result.valid).toBe(true);
  });

  it("reports a DestinationRule subset whose labels match no pod as KIA0203, an error once routed to", async () => {
    await apply("destinationrules", {
      apiVersion: "networking.istio.io/v1",
      kind: "DestinationRule",
      metadata: { name: "reviews-next", namespace: "bookinfo" },
      spec: { host: "reviews", subsets: [{ name: "v4", labels: { version: "v4" } }] },
    });
    const result = await validationOf("DestinationRule", "reviews-next");
    // The VirtualService of the previous test routes to v4: traffic would find no endpoint.
    expect(result.checks).toEqual([
      {
        code: "KIA0203",
        severity: "error",
        message: "This subset's labels are not found in any matching host: v4 (version=v4)",
        path: "spec/subsets[0]",
      },
    ]);
    expect(result.valid).toBe(false);
    // …and the VirtualService's subset now exists.
    expect((await validationOf("VirtualService", "reviews")).checks).toEqual([]);
  });

  it("reports a VirtualService bound to a missing gateway as KIA1102", async () => {
    await apply("virtualservices", {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "ratings-ingress", namespace: "bookinfo" },
      spec: {
        hosts: ["ratings.example.com"],
        gateways: ["ratings-gateway"],
        http: [{ route: [{ destination: { host: "ratings" } }] }],
      },
    });
    const result = await validationOf("VirtualService", "ratings-ingress");
    expect(result.checks).toEqual([
      {
        code: "KIA1102",
        severity: "error",
        message: "VirtualService is pointing to a non-existent gateway: bookinfo/ratings-gateway",
        path: "spec/gateways[0]",
      },
    ]);
    expect(result.valid).toBe(false);
  });
});
