import { describe, expect, it } from "vitest";
import type { DestinationRule, VirtualService } from "@/lib/istio/types";
import type { WriteRequest } from "@/server/istio-config";
import { TopsailError } from "@/server/errors";
import { applyWizard, previewWizard, type TrafficWriteDeps } from "./run-wizard";
import { getTrafficState } from "./traffic-state";

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

type ServicePort = { name?: string; port: number; protocol: string; appProtocol?: string };

function fakeDeps(objects: {
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  ports?: ServicePort[];
}) {
  const applied: WriteRequest[] = [];
  const previewed: WriteRequest[] = [];
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
        ports: objects.ports ?? [{ name: "http", port: 9080, protocol: "TCP" }],
      },
    ],
    listWorkloads: async () => [workload("v1"), workload("v2")],
    listVirtualServices: async () => objects.virtualServices,
    listDestinationRules: async () => objects.destinationRules,
    async preview(request) {
      previewed.push(request);
      return { outcomes: [], validations: [], routeRisks: [] };
    },
    async apply(request) {
      applied.push(request);
      return [];
    },
  };
  return { deps, applied, previewed };
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

describe("TCP traffic shifting", () => {
  const objects = { virtualServices: [reviewsVs], destinationRules: [reviewsDr] };

  it("is not offered for a service whose ports are all HTTP, and is refused if asked for anyway", async () => {
    const { deps, applied } = fakeDeps(objects);
    const state = await getTrafficState(deps, "bookinfo", "reviews");
    expect(state.wizards["tcp-traffic-shifting"]).toMatchObject({ supported: false });
    expect(state.wizards["traffic-shifting"]).toMatchObject({ supported: true });
    const error = await applyWizard(deps, target, "tcp-traffic-shifting", { input: split }).catch((e: unknown) => e);
    expect((error as TopsailError).code).toBe("bad_request");
    expect(applied).toEqual([]);
  });

  it("is offered for a service with a TCP port, or one whose protocol Istio detects", async () => {
    for (const port of [
      { name: "tcp-db", port: 3306, protocol: "TCP" },
      { port: 6379, protocol: "TCP" },
    ]) {
      const { deps } = fakeDeps({ ...objects, ports: [{ name: "http", port: 9080, protocol: "TCP" }, port] });
      const state = await getTrafficState(deps, "bookinfo", "reviews");
      expect(state.wizards["tcp-traffic-shifting"]).toMatchObject({ supported: true });
    }
  });
});

describe("timeouts & retries for the requests no other rule matches", () => {
  it("changes the catch-all rule only: a header rule keeps its own timeout and retries", async () => {
    const jason = {
      name: "jason",
      match: [{ headers: { "end-user": { exact: "jason" } } }],
      route: [{ destination: { host: "reviews", subset: "v2" } }],
      timeout: "3s",
    };
    const catchAll = { route: [{ destination: { host: "reviews", subset: "v1" } }] };
    const vs: VirtualService = { ...reviewsVs, spec: { hosts: ["reviews"], http: [jason, catchAll] } };
    const { deps, previewed } = fakeDeps({ virtualServices: [vs], destinationRules: [reviewsDr] });
    await previewWizard(deps, target, "timeouts-retries", {
      input: { target: { kind: "all" }, timeout: "2s", retries: { attempts: 2, perTryTimeout: null, retryOn: null } },
    });
    const desired = previewed[0]?.changes.find((c) => c.kind === "VirtualService")?.desired as VirtualService;
    expect(desired.spec?.http).toEqual([jason, { ...catchAll, timeout: "2s", retries: { attempts: 2 } }]);
  });
});
