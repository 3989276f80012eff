import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { admit } from "../admission/index";
import { applyScenarioDirs } from "../scenarios/apply-scenarios";
import { createAdmittedStore } from "../store/admitted-store";
import { MemoryStore } from "../store/memory-store";
import type { KubeObject } from "../store/types";
import { startControllers } from "./index";

const DEFAULT_DIR = fileURLToPath(new URL("../scenarios/default", import.meta.url));
const PODS = { group: "", resource: "pods" };
const DEPLOYMENTS = { group: "apps", resource: "deployments" };
const NAMESPACES = { group: "", resource: "namespaces" };

function readyCount(pod: KubeObject): string {
  const statuses =
    (pod.status as { containerStatuses?: Array<{ ready: boolean }> } | undefined)?.containerStatuses ?? [];
  return `${statuses.filter((s) => s.ready).length}/${statuses.length}`;
}

describe("controllers over the default scenario", () => {
  const store = createAdmittedStore(new MemoryStore(), admit);
  const controllers = startControllers(store, { seed: 42 });
  applyScenarioDirs(store, [DEFAULT_DIR]);
  afterAll(() => controllers.stop());

  it("brings every Bookinfo pod up Running with its sidecar, 2/2 ready", async () => {
    await controllers.whenIdle();
    const pods = store.list(PODS, "bookinfo").items;
    expect(pods).toHaveLength(6);
    for (const pod of pods) {
      expect((pod.status as { phase: string }).phase).toBe("Running");
      expect(readyCount(pod)).toBe("2/2");
    }
    const istiod = store.list(PODS, "istio-system").items.find((p) => p.metadata.labels?.app === "istiod");
    expect(istiod && readyCount(istiod)).toBe("1/1");
  });

  it("reports Deployment status as kubectl shows it", async () => {
    await controllers.whenIdle();
    const reviews = store.get(DEPLOYMENTS, "bookinfo", "reviews-v2");
    expect(reviews?.status).toMatchObject({
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      updatedReplicas: 1,
      observedGeneration: 1,
    });
    expect(reviews?.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
  });

  it("gives every Bookinfo service an endpoint", async () => {
    await controllers.whenIdle();
    for (const name of ["details", "ratings", "reviews", "productpage"]) {
      const ep = store.get({ group: "", resource: "endpoints" }, "bookinfo", name);
      const addresses = (ep?.subsets as Array<{ addresses?: unknown[] }> | undefined)?.[0]?.addresses ?? [];
      expect(addresses.length, name).toBe(name === "reviews" ? 3 : 1);
    }
  });

  it("rolls pods when the template changes, keeping the old ReplicaSet at 0", async () => {
    await controllers.whenIdle();
    const d = store.get(DEPLOYMENTS, "bookinfo", "ratings-v1") as KubeObject;
    const spec = d.spec as { template: { spec: { containers: Array<{ image: string }> } } };
    (spec.template.spec.containers[0] as { image: string }).image =
      "docker.io/istio/examples-bookinfo-ratings-v1:1.20.3";
    store.update(DEPLOYMENTS, d);
    await controllers.whenIdle();
    const rss = store
      .list({ group: "apps", resource: "replicasets" }, "bookinfo")
      .items.filter((rs) => rs.metadata.name?.startsWith("ratings-v1-"));
    expect(rss.map((rs) => (rs.spec as { replicas: number }).replicas).sort()).toEqual([0, 1]);
    const pods = store.list(PODS, "bookinfo").items.filter((p) => p.metadata.labels?.app === "ratings");
    expect(pods).toHaveLength(1);
    expect(
      ((pod) => (pod.spec as { containers: Array<{ image: string }> }).containers[0]?.image)(pods[0] as KubeObject),
    ).toBe("docker.io/istio/examples-bookinfo-ratings-v1:1.20.3");
    expect(
      store.get(DEPLOYMENTS, "bookinfo", "ratings-v1")?.metadata.annotations?.["deployment.kubernetes.io/revision"],
    ).toBe("2");
  });

  it("re-creates pods without sidecars when the namespace's injection is disabled", async () => {
    await controllers.whenIdle();
    const ns = store.get(NAMESPACES, undefined, "tcp-echo") as KubeObject;
    store.update(NAMESPACES, {
      ...ns,
      metadata: { ...ns.metadata, labels: { ...ns.metadata.labels, "istio-injection": "disabled" } },
    });
    await controllers.whenIdle();
    const pods = store.list(PODS, "tcp-echo").items;
    expect(pods.length).toBe(3);
    expect(pods.map(readyCount)).toEqual(["1/1", "1/1", "1/1"]);
  });

  it("scales a Deployment up and down", async () => {
    await controllers.whenIdle();
    const d = store.get(DEPLOYMENTS, "httpbin", "httpbin-v1") as KubeObject;
    store.update(DEPLOYMENTS, { ...d, spec: { ...(d.spec as object), replicas: 3 } });
    await controllers.whenIdle();
    expect(store.list(PODS, "httpbin").items.filter((p) => p.metadata.labels?.version === "v1")).toHaveLength(3);
    const ep = store.get({ group: "", resource: "endpoints" }, "httpbin", "httpbin");
    expect((ep?.subsets as Array<{ addresses: unknown[] }>)[0]?.addresses).toHaveLength(4);
  });
});
