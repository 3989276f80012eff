import { describe, expect, it } from "vitest";
import type { KubeObject } from "../store/types";
import { podTemplateHash, seededRandom } from "./hashing";
import type { Action } from "./objects";
import { reconcileDeployment } from "./reconcile-deployment";
import { desiredEndpoints, reconcileEndpoints } from "./reconcile-endpoints";
import { PodIpAllocator, startPod } from "./reconcile-pod-status";
import { reconcileReplicaSet } from "./reconcile-replicaset";

const NOW = "2026-01-01T00:00:00Z";

function deployment(image = "reviews:1", replicas = 1): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "reviews-v1", namespace: "bookinfo", uid: "d-uid", generation: 1 },
    spec: {
      replicas,
      revisionHistoryLimit: 2,
      selector: { matchLabels: { app: "reviews", version: "v1" } },
      template: {
        metadata: { labels: { app: "reviews", version: "v1" } },
        spec: { containers: [{ name: "reviews", image }] },
      },
    },
  };
}

function created(actions: Action[]): KubeObject[] {
  return actions.flatMap((a) => (a.type === "create" ? [a.object] : []));
}

function stored(object: KubeObject, uid: string): KubeObject {
  return { ...object, metadata: { ...object.metadata, uid, generation: 1 } };
}

describe("reconcileDeployment", () => {
  it("creates one ReplicaSet named after the pod template hash, revision 1", () => {
    const actions = reconcileDeployment({ deployment: deployment(), replicaSets: [], now: NOW });
    const [rs] = created(actions);
    const hash = podTemplateHash((deployment().spec as { template: unknown }).template);
    expect(rs?.metadata.name).toBe(`reviews-v1-${hash}`);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rs?.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
    expect(rs?.metadata.labels?.["pod-template-hash"]).toBe(hash);
    expect((rs?.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels).toEqual({
      app: "reviews",
      version: "v1",
      "pod-template-hash": hash,
    });
    expect(rs?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "Deployment",
      name: "reviews-v1",
      uid: "d-uid",
      controller: true,
    });
  });

  it("does nothing more once the ReplicaSet runs the template and status is current", () => {
    const rs = stored(
      created(reconcileDeployment({ deployment: deployment(), replicaSets: [], now: NOW }))[0] as KubeObject,
      "rs-1",
    );
    const running = { ...rs, status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 } };
    const first = reconcileDeployment({ deployment: deployment(), replicaSets: [running], now: NOW });
    const updated = first.find((a) => a.type === "update" && a.object.kind === "Deployment");
    expect(updated?.type === "update" && updated.object.status).toMatchObject({
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 1,
    });
    const settled = updated?.type === "update" ? updated.object : deployment();
    expect(reconcileDeployment({ deployment: settled, replicaSets: [running], now: "2026-01-01T00:05:00Z" })).toEqual(
      [],
    );
  });

  it("rolls a changed template to a new ReplicaSet and scales the old one to 0", () => {
    const old = {
      ...stored(
        created(reconcileDeployment({ deployment: deployment(), replicaSets: [], now: NOW }))[0] as KubeObject,
        "rs-1",
      ),
      status: { replicas: 1 },
    };
    const actions = reconcileDeployment({ deployment: deployment("reviews:2"), replicaSets: [old], now: NOW });
    const [fresh] = created(actions);
    expect(fresh?.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
    expect(
      actions.some(
        (a) =>
          a.type === "update" &&
          a.object.metadata.name === old.metadata.name &&
          (a.object.spec as { replicas: number }).replicas === 0,
      ),
    ).toBe(true);
    expect(actions.some((a) => a.type === "delete")).toBe(false);
  });

  it("keeps only revisionHistoryLimit idle ReplicaSets", () => {
    const idle = [1, 2, 3].map((r) => ({
      ...stored(
        created(
          reconcileDeployment({ deployment: deployment(`reviews:${r}`), replicaSets: [], now: NOW }),
        )[0] as KubeObject,
        `rs-${r}`,
      ),
      spec: { replicas: 0 },
      status: { replicas: 0 },
    }));
    idle.forEach((rs, i) => (rs.metadata.annotations = { "deployment.kubernetes.io/revision": String(i + 1) }));
    const actions = reconcileDeployment({ deployment: deployment("reviews:4"), replicaSets: idle, now: NOW });
    expect(actions.filter((a) => a.type === "delete").map((a) => a.type === "delete" && a.name)).toEqual([
      idle[0]?.metadata.name,
    ]);
  });
});

describe("reconcileReplicaSet", () => {
  const rs = stored(
    created(
      reconcileDeployment({ deployment: deployment("reviews:1", 3), replicaSets: [], now: NOW }),
    )[0] as KubeObject,
    "rs-uid",
  );

  it("creates the missing pods with seeded 5-character suffixes and the template's labels", () => {
    const actions = reconcileReplicaSet({ replicaSet: rs, pods: [], random: seededRandom(7), takenNames: new Set() });
    const pods = created(actions);
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(new RegExp(`^${rs.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(pod.metadata.labels).toMatchObject({ app: "reviews", version: "v1" });
      expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: "ReplicaSet", uid: "rs-uid" });
    }
    const again = created(
      reconcileReplicaSet({ replicaSet: rs, pods: [], random: seededRandom(7), takenNames: new Set() }),
    );
    expect(again.map((p) => p.metadata.name)).toEqual(pods.map((p) => p.metadata.name));
  });

  it("deletes surplus pods when scaled down", () => {
    const pods = created(
      reconcileReplicaSet({ replicaSet: rs, pods: [], random: seededRandom(1), takenNames: new Set() }),
    );
    const scaled = { ...rs, spec: { ...(rs.spec as object), replicas: 1 } };
    const actions = reconcileReplicaSet({ replicaSet: scaled, pods, random: seededRandom(1), takenNames: new Set() });
    expect(actions.filter((a) => a.type === "delete")).toHaveLength(2);
  });
});

describe("startPod", () => {
  const pod: KubeObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "bookinfo", uid: "u" },
    spec: {
      containers: [
        { name: "app", image: "app:1" },
        { name: "istio-proxy", image: "docker.io/istio/proxyv2:1.24.2" },
      ],
      initContainers: [{ name: "istio-init", image: "docker.io/istio/proxyv2:1.24.2" }],
    },
  };

  it("reports the pod Running with every container ready and init containers completed", () => {
    const started = startPod(pod, "10.244.0.7", NOW) as KubeObject;
    const status = started.status as Record<string, unknown>;
    expect(status).toMatchObject({ phase: "Running", podIP: "10.244.0.7", hostIP: "172.18.0.2", startTime: NOW });
    expect((status.conditions as Array<{ type: string; status: string }>).map((c) => `${c.type}=${c.status}`)).toEqual(
      expect.arrayContaining(["Ready=True", "ContainersReady=True", "PodScheduled=True", "Initialized=True"]),
    );
    expect(status.containerStatuses).toEqual([
      expect.objectContaining({ name: "app", ready: true, restartCount: 0, state: { running: { startedAt: NOW } } }),
      expect.objectContaining({ name: "istio-proxy", ready: true, restartCount: 0 }),
    ]);
    expect(status.initContainerStatuses).toEqual([
      expect.objectContaining({
        name: "istio-init",
        state: { terminated: expect.objectContaining({ exitCode: 0, reason: "Completed" }) },
      }),
    ]);
    expect(startPod(started, "10.244.0.8", NOW)).toBeUndefined();
  });

  it("hands out distinct pod IPs in 10.244/16", () => {
    const ips = new PodIpAllocator();
    ips.markUsed("10.244.0.2");
    expect([ips.allocate(), ips.allocate()]).toEqual(["10.244.0.3", "10.244.0.4"]);
  });
});

describe("reconcileEndpoints", () => {
  const service: KubeObject = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "httpbin", namespace: "httpbin", labels: { app: "httpbin" } },
    spec: { selector: { app: "httpbin" }, ports: [{ name: "http", port: 8000, targetPort: 8080, protocol: "TCP" }] },
  };
  const pod = (name: string, ip: string, ready: boolean, labels = { app: "httpbin" }): KubeObject => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "httpbin", uid: `${name}-uid`, labels },
    spec: { nodeName: "topsail-sim", containers: [{ name: "httpbin", ports: [{ containerPort: 8080 }] }] },
    status: { phase: "Running", podIP: ip, conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
  });

  it("lists ready pods in addresses with the service's target port", () => {
    const ep = desiredEndpoints(service, [
      pod("a", "10.244.0.3", true),
      pod("b", "10.244.0.2", false),
      pod("c", "10.244.0.4", true, { app: "other" }),
    ]);
    expect(ep?.subsets).toEqual([
      {
        addresses: [
          {
            ip: "10.244.0.3",
            nodeName: "topsail-sim",
            targetRef: { kind: "Pod", namespace: "httpbin", name: "a", uid: "a-uid" },
          },
        ],
        notReadyAddresses: [
          {
            ip: "10.244.0.2",
            nodeName: "topsail-sim",
            targetRef: { kind: "Pod", namespace: "httpbin", name: "b", uid: "b-uid" },
          },
        ],
        ports: [{ name: "http", port: 8080, protocol: "TCP" }],
      },
    ]);
  });

  it("creates, leaves alone, and deletes with the service", () => {
    const pods = [pod("a", "10.244.0.3", true)];
    const [create] = reconcileEndpoints(service, undefined, pods, "httpbin", "httpbin");
    expect(create?.type).toBe("create");
    const existing = create?.type === "create" ? create.object : undefined;
    expect(reconcileEndpoints(service, existing, pods, "httpbin", "httpbin")).toEqual([]);
    expect(reconcileEndpoints(undefined, existing, pods, "httpbin", "httpbin")).toEqual([
      { type: "delete", ref: { group: "", resource: "endpoints" }, namespace: "httpbin", name: "httpbin" },
    ]);
  });
});
