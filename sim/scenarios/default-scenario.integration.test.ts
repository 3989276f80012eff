/**
 * The default scenario as a console sees it through the simulator's API: Bookinfo up and
 * meshed, its Istio config clean, and istiod's webhook refusing invalid config.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig, type V1Pod } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateIstioConfig, type ValidatableObject } from "@/lib/istio/validation";
import { startSimulator, type RunningSimulator } from "../index";
import { waitFor } from "../test-support/wait-for";

let sim: RunningSimulator;
let dir: string;
let core: CoreV1Api;
let custom: CustomObjectsApi;

const SERVICES = ["details", "ratings", "reviews", "productpage"];

function readiness(pod: V1Pod): string {
  const statuses = pod.status?.containerStatuses ?? [];
  return `${statuses.filter((s) => s.ready).length}/${statuses.length}`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topsail-default-scenario-"));
  sim = await startSimulator({ port: 0, dataDir: join(dir, "data"), kubeconfigPath: join(dir, "kubeconfig") });
  const kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  core = kc.makeApiClient(CoreV1Api);
  custom = kc.makeApiClient(CustomObjectsApi);
});

afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the default scenario", () => {
  it("runs every Bookinfo pod with its sidecar, 2/2 ready", async () => {
    const pods = await waitFor(async () => {
      const list = await core.listNamespacedPod({ namespace: "bookinfo" });
      return list.items.length === 6 && list.items.every((p) => p.status?.phase === "Running" && readiness(p) === "2/2")
        ? list.items
        : undefined;
    }, "Bookinfo pods Running 2/2");
    expect(pods.map((p) => p.metadata?.labels?.app).sort()).toEqual([
      "details",
      "productpage",
      "ratings",
      "reviews",
      "reviews",
      "reviews",
    ]);
    for (const pod of pods) {
      expect(pod.spec?.containers.map((c) => c.name)).toEqual([pod.metadata?.labels?.app, "istio-proxy"]);
      expect(pod.metadata?.annotations?.["sidecar.istio.io/status"]).toBeDefined();
    }
  });

  it("gives each Bookinfo service an endpoint per pod on port 9080", async () => {
    for (const name of SERVICES) {
      const ep = await waitFor(async () => {
        const e = await core.readNamespacedEndpoints({ name, namespace: "bookinfo" });
        return (e.subsets?.[0]?.addresses?.length ?? 0) > 0 ? e : undefined;
      }, `endpoints of ${name}`);
      expect(ep.subsets?.[0]?.addresses).toHaveLength(name === "reviews" ? 3 : 1);
      expect(ep.subsets?.[0]?.ports).toEqual([expect.objectContaining({ name: "http", port: 9080, protocol: "TCP" })]);
    }
  });

  it("has a clean Bookinfo: its Istio config passes istiod's validation", async () => {
    const objects: ValidatableObject[] = [];
    for (const plural of ["virtualservices", "destinationrules", "gateways"]) {
      const list = (await custom.listNamespacedCustomObject({
        group: "networking.istio.io",
        version: "v1",
        namespace: "bookinfo",
        plural,
      })) as { items: ValidatableObject[] };
      objects.push(...list.items);
    }
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`).sort()).toEqual([
      "DestinationRule/details",
      "DestinationRule/productpage",
      "DestinationRule/ratings",
      "DestinationRule/reviews",
      "Gateway/bookinfo-gateway",
      "VirtualService/bookinfo",
    ]);
    for (const object of objects)
      expect(validateIstioConfig(object), `${object.kind}/${object.metadata?.name}`).toEqual([]);
  });

  it("refuses an invalid VirtualService with istiod's message, through the store and over HTTP", async () => {
    const body = {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "reviews-broken", namespace: "bookinfo" },
      spec: {
        hosts: ["reviews"],
        http: [
          {
            route: [
              { destination: { host: "reviews", subset: "v1" }, weight: -10 },
              { destination: { host: "reviews", subset: "v2" }, weight: 10 },
            ],
          },
        ],
      },
    };
    const expected =
      'admission webhook "validation.istio.io" denied the request: configuration is invalid: 2 errors occurred:\n\t* weight -10 < 0\n\t* total destination weight = 0\n\n';
    expect(() => sim.store.create({ group: "networking.istio.io", resource: "virtualservices" }, body)).toThrow(
      expected,
    );

    const err = await custom
      .createNamespacedCustomObject({
        group: "networking.istio.io",
        version: "v1",
        namespace: "bookinfo",
        plural: "virtualservices",
        body,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiException);
    expect((err as ApiException<string>).code).toBe(400);
    const status = JSON.parse(String((err as ApiException<string>).body)) as { message: string; reason: string };
    expect(status.message).toBe(expected);
  });
});
