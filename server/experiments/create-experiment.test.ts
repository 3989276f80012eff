import { describe, expect, it } from "vitest";
import { faultSpecSchema } from "@/lib/contracts/experiments";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { TopsailError } from "@/server/errors";
import { faultMemory, type ClusterReads } from "./create-experiment";

const NOW = new Date("2026-11-21T10:00:00Z");
const workload = (app: string, version = "v1") => ({
  namespace: "bookinfo",
  name: `${app}-${version}`,
  kind: "Deployment",
  labels: { app, version },
  app,
  version,
  desiredReplicas: 1,
  availableReplicas: 1,
  runningPods: 1,
  podsWithoutSidecar: 0,
  pods: 1,
});

/** Bookinfo as creation reads it, with the given VirtualServices. */
function bookinfo(virtualServices: StoredIstioObject[] = []): ClusterReads {
  return {
    cluster: async () => ({ clusterId: "uid-test", kubeContext: "test" }),
    listServices: async () =>
      ["productpage", "reviews", "ratings"].map((name) => ({
        namespace: "bookinfo",
        name,
        selector: { app: name },
        ports: [],
      })),
    listWorkloads: async () => [
      workload("productpage"),
      workload("reviews", "v1"),
      workload("reviews", "v2"),
      workload("ratings"),
    ],
    listDestinationRules: async () => [
      {
        apiVersion: "networking.istio.io/v1",
        kind: "DestinationRule",
        metadata: { name: "reviews", namespace: "bookinfo" },
        spec: {
          host: "reviews",
          subsets: [
            { name: "v1", labels: { version: "v1" } },
            { name: "v2", labels: { version: "v2" } },
          ],
        },
      },
    ],
    listVirtualServices: async () => virtualServices,
  };
}

const spec = (overrides: Record<string, unknown> = {}) =>
  faultSpecSchema.parse({
    kind: "fault",
    namespace: "bookinfo",
    service: "reviews",
    abort: { httpStatus: 503, percent: 60 },
    durationSeconds: 30,
    hypothesis: { service: "reviews", minSuccessRate: 99 },
    ...overrides,
  });

async function refusal(promise: Promise<unknown>): Promise<TopsailError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TopsailError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe("creating a fault experiment", () => {
  it("measures the faulted service where its callers report it by default", async () => {
    const memory = await faultMemory(bookinfo(), spec(), NOW);
    expect(memory.subjects).toEqual({
      hypothesis: { direction: "callers", namespace: "bookinfo", service: "reviews", workloads: [] },
    });
  });

  it("refuses a hypothesis on what the faulted service answers: the fault never reaches it", async () => {
    const error = await refusal(
      faultMemory(bookinfo(), spec({ hypothesis: { service: "reviews", scope: "inbound", minSuccessRate: 99 } }), NOW),
    );
    expect(error.code).toBe("bad_request");
    expect(error.httpStatus).toBe(400);
    expect(error.message).toMatch(
      /cannot show this fault: Istio injects aborts and delays in the callers' proxies.*Use scope "callers"/,
    );
  });

  it("still allows the inbound side of an upstream caller, and the outbound side of the faulted service", async () => {
    const upstream = await faultMemory(
      bookinfo(),
      spec({ hypothesis: { service: "productpage", scope: "inbound", minSuccessRate: 99 } }),
      NOW,
    );
    expect(upstream.subjects).toEqual({
      hypothesis: {
        direction: "inbound",
        namespace: "bookinfo",
        service: "productpage",
        workloads: ["productpage-v1"],
      },
    });
    const outbound = await faultMemory(
      bookinfo(),
      spec({ hypothesis: { service: "reviews", scope: "outbound", minSuccessRate: 99 } }),
      NOW,
    );
    expect(outbound.subjects.hypothesis).toMatchObject({
      direction: "outbound",
      workloads: ["reviews-v1", "reviews-v2"],
    });
  });

  it("refuses a VirtualService whose rules cannot take the faulted copies, naming the rule and the field", async () => {
    const reviews: StoredIstioObject = {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "reviews", namespace: "bookinfo" },
      spec: {
        hosts: ["reviews"],
        http: [
          {
            name: "testers",
            match: [{ headers: { "end-user": { prefix: "test-" } } }],
            route: [{ destination: { host: "reviews", subset: "v2" } }],
          },
          { route: [{ destination: { host: "reviews", subset: "v1" } }] },
        ],
      },
    };
    const error = await refusal(
      faultMemory(bookinfo([reviews]), spec({ match: [{ header: "end-user", op: "regex", value: "test-[ab]" }] }), NOW),
    );
    expect(error.code).toBe("bad_request");
    expect(error.message).toMatch(
      /VirtualService bookinfo\/reviews rule 1 \("testers"\) matches headers\.end-user by prefix "test-" and the experiment by regex "test-\[ab\]"/,
    );
  });

  it("refuses a VirtualService that delegates", async () => {
    const reviews: StoredIstioObject = {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "reviews", namespace: "bookinfo" },
      spec: { hosts: ["reviews"], http: [{ delegate: { name: "reviews-routes" } }] },
    };
    expect((await refusal(faultMemory(bookinfo([reviews]), spec(), NOW))).message).toMatch(
      /rule 1 delegates to VirtualService reviews-routes/,
    );
  });
});
