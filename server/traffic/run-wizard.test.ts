import { describe, expect, it } from "vitest";
import type { DestinationRule, VirtualService } from "@/lib/istio/types";
import type { WriteRequest } from "@/server/istio-config";
import { TopsailError } from "@/server/errors";
import { applyWizard, type TrafficWriteDeps } from "./run-wizard";

const reviewsDr: DestinationRule = {
  apiVersion: "networking.istio.io/v1",
  kind: "DestinationRule",
  metadata: { name: "reviews", namespace: "bookinfo", resourceVersion: "41" },
  spec: { host: "reviews", subsets: [{ name: "v1", labels: { version: "v1" } }] },
};
const reviewsVs: VirtualService = {
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "reviews", namespace: "bookinfo", resourceVersion: "42" },
  spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v1" } }] }] },
};

function fakeDeps(objects: { virtualServices: VirtualService[]; destinationRules: DestinationRule[] }) {
  const applied: WriteRequest[] = [];
  const workload = (version: string) => ({
    namespace: "bookinfo",
    name: `reviews-${version}`,
    kind: "Deployment",
    labels: { app: "reviews", version },
    app: "reviews",
    version,
    desiredReplicas: 1,
    availableReplicas: 1,
    runningPods: 1,
    podsWithoutSidecar: 0,
    pods: 1,
  });
  const deps: TrafficWriteDeps = {
    listServices: async () => [
      {
        namespace: "bookinfo",
        name: "reviews",
        selector: { app: "reviews" },
        ports: [{ name: "http", port: 9080, protocol: "TCP" }],
      },
    ],
    listWorkloads: async () => [workload("v1"), workload("v2")],
    listVirtualServices: async () => objects.virtualServices,
    listDestinationRules: async () => objects.destinationRules,
    preview: async () => ({ outcomes: [], validations: [], routeRisks: [] }),
    async apply(request) {
      applied.push(request);
      return [];
    },
  };
  return { deps, applied };
}

const split = {
  routes: [
    { subset: "v1", weight: 50 },
    { subset: "v2", weight: 50 },
  ],
};
const target = { namespace: "bookinfo", service: "reviews" };

describe("applyWizard without a base", () => {
  it("conditions every write on the resourceVersions it built from, never on a later read", async () => {
    const { deps, applied } = fakeDeps({ virtualServices: [reviewsVs], destinationRules: [reviewsDr] });
    await applyWizard(deps, target, "traffic-shifting", { input: split });
    expect(applied[0]?.changes.map((c) => [c.kind, c.baseResourceVersion])).toEqual([
      ["DestinationRule", "41"],
      ["VirtualService", "42"],
    ]);
  });

  it("requires the objects it found absent to be still absent (a create, never an overwrite)", async () => {
    const { deps, applied } = fakeDeps({ virtualServices: [], destinationRules: [] });
    await applyWizard(deps, target, "traffic-shifting", { input: split });
    expect(applied[0]?.changes.map((c) => [c.kind, c.baseResourceVersion])).toEqual([
      ["DestinationRule", null],
      ["VirtualService", null],
    ]);
  });
});

describe("applyWizard with the base the user saw", () => {
  it("passes the user's resourceVersions on, so a change since the user opened the wizard is a conflict", async () => {
    const { deps, applied } = fakeDeps({ virtualServices: [reviewsVs], destinationRules: [reviewsDr] });
    await applyWizard(deps, target, "traffic-shifting", {
      input: split,
      base: { virtualService: "40", destinationRule: "41" },
    });
    expect(applied[0]?.changes.map((c) => c.baseResourceVersion)).toEqual(["41", "40"]);
  });

  it("refuses an object the user saw absent that exists now", async () => {
    const { deps, applied } = fakeDeps({ virtualServices: [reviewsVs], destinationRules: [reviewsDr] });
    const error = await applyWizard(deps, target, "traffic-shifting", {
      input: split,
      base: { virtualService: null, destinationRule: "41" },
    }).catch((e: unknown) => e);
    expect((error as TopsailError).code).toBe("conflict");
    expect(applied).toEqual([]);
  });
});
