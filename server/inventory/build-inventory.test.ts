import { describe, expect, it } from "vitest";
import type { DestinationRule, VirtualService } from "@/lib/istio/types";
import { createValidationContext, defaultMeshSettingsForTest } from "./test-support/context";
import { buildInventory } from "./build-inventory";
import { serviceDetail } from "./build-details";
import { createConfigIndex } from "./config-refs";
import { rollUpInbound } from "./health";
import type { NamespaceObjects, PodObject } from "./read-namespace-objects";

const pod = (name: string, workload: string, labels: Record<string, string>, hasSidecar = true): PodObject => ({
  name,
  workload,
  ownerKind: "ReplicaSet",
  phase: "Running",
  ready: true,
  labels,
  containers: [
    { name: "app", image: "x", ready: true, restarts: 0 },
    ...(hasSidecar ? [{ name: "istio-proxy", image: "proxy", ready: true, restarts: 0 }] : []),
  ],
  hasSidecar,
  optsOutOfInjection: labels["sidecar.istio.io/inject"] === "false",
});

const reviewsLabels = (v: string) => ({ app: "reviews", version: v });

const objects: NamespaceObjects = {
  namespace: { name: "bookinfo", labels: { "istio-injection": "enabled" }, resourceVersion: "1" },
  deployments: ["v1", "v2"].map((v) => ({
    name: `reviews-${v}`,
    labels: reviewsLabels(v),
    annotations: (v === "v2" ? { "sidecar.istio.io/inject": "false" } : {}) as Record<string, string>,
    desiredReplicas: 1,
    availableReplicas: 1,
    resourceVersion: "7",
  })),
  pods: [
    pod("reviews-v1-abc-1", "reviews-v1", reviewsLabels("v1")),
    pod("reviews-v2-abc-1", "reviews-v2", reviewsLabels("v2"), false),
  ],
  services: [
    {
      name: "reviews",
      labels: { app: "reviews" },
      selector: { app: "reviews" },
      ports: [{ name: "http", port: 9080, protocol: "TCP" }],
    },
  ],
};

const vs: VirtualService = {
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "reviews", namespace: "bookinfo" },
  spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v3" } }] }] },
};
const dr: DestinationRule = {
  apiVersion: "networking.istio.io/v1",
  kind: "DestinationRule",
  metadata: { name: "reviews", namespace: "bookinfo" },
  spec: {
    host: "reviews.bookinfo.svc.cluster.local",
    subsets: [
      { name: "v1", labels: { version: "v1" } },
      { name: "v3", labels: { version: "v3" } },
    ],
  },
};

function context() {
  return createValidationContext({
    ...defaultMeshSettingsForTest(),
    services: [
      {
        namespace: "bookinfo",
        name: "reviews",
        selector: { app: "reviews" },
        ports: [{ name: "http", port: 9080, protocol: "TCP" }],
      },
    ],
    workloads: objects.pods.map((p) => ({
      kind: "Pod" as const,
      namespace: "bookinfo",
      name: p.workload,
      labels: p.labels,
      serviceAccount: "default",
    })),
    virtualServices: [vs],
    destinationRules: [dr],
  });
}

const sample = (workload: string, code: string, value: number) => ({
  labels: {
    destination_workload: workload,
    destination_canonical_service: "reviews",
    destination_service_name: "reviews",
    request_protocol: "http",
    response_code: code,
    grpc_response_status: "",
  },
  value,
});

describe("a namespace's inventory", () => {
  const config = createConfigIndex(context());
  const inventory = buildInventory(
    objects,
    rollUpInbound([sample("reviews-v1", "200", 9), sample("reviews-v2", "503", 1)]),
    config,
  );

  it("lists workloads with their injection annotation, services and pods without sidecar", () => {
    expect(
      inventory.workloads.map((w) => [w.name, w.version, w.services, w.podsWithoutSidecar, w.injectAnnotation]),
    ).toEqual([
      ["reviews-v1", "v1", ["reviews"], 0, undefined],
      ["reviews-v2", "v2", ["reviews"], 1, "false"],
    ]);
  });

  it("does not count a pod that opts out of injection (istiod, gateways, addons) as lacking a sidecar", () => {
    const optedOut: NamespaceObjects = {
      ...objects,
      pods: [
        pod("reviews-v1-abc-1", "reviews-v1", reviewsLabels("v1")),
        pod("reviews-v2-abc-1", "reviews-v2", { ...reviewsLabels("v2"), "sidecar.istio.io/inject": "false" }, false),
      ],
    };
    const counts = buildInventory(optedOut, undefined, config).workloads.map((w) => [
      w.name,
      w.podsWithoutSidecar,
      w.podsOutOfMesh,
    ]);
    // reviews-v2's pod is out of the mesh on purpose: said as such, not as a missing sidecar.
    expect(counts).toEqual([
      ["reviews-v1", 0, 0],
      ["reviews-v2", 0, 1],
    ]);
  });

  it("judges a workload on its own requests and an app on all of its versions", () => {
    expect(inventory.workloads.map((w) => w.health.status)).toEqual(["healthy", "failure"]);
    expect(inventory.applications).toHaveLength(1);
    expect(inventory.applications[0]).toMatchObject({
      name: "reviews",
      versions: ["v1", "v2"],
      podsWithoutSidecar: 1,
      labels: { app: "reviews" },
    });
    expect(inventory.applications[0]?.health).toMatchObject({
      status: "failure",
      requests: { rate: 10, errorPct: 10 },
    });
  });

  it("gives a service its versions and the VirtualService and DestinationRule that refer to it, validated", () => {
    const reviews = inventory.services[0];
    expect(reviews).toMatchObject({
      name: "reviews",
      versions: ["v1", "v2"],
      workloads: ["reviews-v1", "reviews-v2"],
      podsWithoutSidecar: 1,
    });
    expect(reviews?.config.map((c) => `${c.kind}/${c.name}`)).toEqual([
      "DestinationRule/reviews",
      "VirtualService/reviews",
    ]);
    // Subset v3 selects no running workload: the DR is in error (KIA0203).
    expect(reviews?.config.find((c) => c.kind === "DestinationRule")?.valid).toBe(false);
  });

  it("shows each subset with the workloads it selects, and none for a missing version", () => {
    expect(serviceDetail(inventory, "reviews", config)?.subsets.map((s) => [s.name, s.workloads])).toEqual([
      ["v1", ["reviews-v1"]],
      ["v3", []],
    ]);
  });

  it("without Prometheus, says health is unknown instead of calling running pods healthy", () => {
    const quiet = buildInventory(objects, undefined, config);
    expect(quiet.workloads.map((w) => w.health.status)).toEqual(["unknown", "unknown"]);
    expect(quiet.workloads[0]?.health.reasons).toEqual(["request figures unavailable: Prometheus did not answer"]);
    expect(quiet.applications.map((a) => a.health.status)).toEqual(["unknown"]);
    expect(quiet.services[0]?.health.status).toBe("unknown");
  });
});
