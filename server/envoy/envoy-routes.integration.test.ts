/**
 * Issue 18's acceptance for the Envoy tab, against the simulator: the routes of productpage's proxy — read from its
 * admin `/config_dump` through `pods/portforward`, as a real console reads a real proxy — show the reviews
 * VirtualService's rules in order, answer "why is this request going there" for jason and for anyone else, and
 * change within seconds after a weight shift applied through the API. A viewer without `create pods/portforward`
 * (bob: the built-in view role) is told which permission is missing.
 *
 * Needs the simulator's `pods/portforward` and generated config dumps (built in parallel, issue 18): until those are
 * merged this file fails at its first read.
 */
import { CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as envoyGet } from "@/app/api/namespaces/[namespace]/[kind]/[name]/envoy/route";
import { GET as routeMatchGet } from "@/app/api/namespaces/[namespace]/[kind]/[name]/envoy/route-match/route";
import { POST as createObjectPost } from "@/app/api/istio/objects/route";
import { POST as wizardPost } from "@/app/api/traffic/[namespace]/[service]/[wizard]/route";
import { envoySummarySchema, routeDecisionSchema, type EnvoySummary } from "@/lib/contracts/envoy";
import { DEMO_TOKENS_PATH, startSimulator, type RunningSimulator } from "@/sim/index";
import { runAsViewer, type Viewer } from "@/server/auth/viewer";
import { TopsailError } from "@/server/errors";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import { getEnvoySummary } from "./index";

const reviewsVirtualService = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews]
  http:
    - name: jason
      match:
        - headers:
            end-user:
              exact: jason
      route:
        - destination: { host: reviews, subset: v2 }
    - route:
        - destination: { host: reviews, subset: v1 }
          weight: 50
        - destination: { host: reviews, subset: v3 }
          weight: 50
`;

const reviews = (subset: string) => `outbound|9080|${subset}|reviews.bookinfo.svc.cluster.local`;
const bob: Viewer = {
  name: "bob",
  groups: [],
  strategy: "token",
  credential: { kind: "bearer", token: "topsail-demo-bob" },
};

describe("the Envoy tab against the simulated mesh", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;
  // Bookinfo's Deployment, whose pods Istio reports as this workload.
  const workload = "productpage-v1";
  let pod: string;

  beforeAll(async () => {
    consoleEnv = await startConsoleOnSimulator("envoy", (paths) =>
      // The traffic engine holds the routing snapshot each proxy's config dump is generated from.
      startSimulator({ port: 0, ...paths, tokensPath: DEMO_TOKENS_PATH, metricsPort: 0 }),
    );
    const created = await createObjectPost(
      new Request("http://localhost/api/istio/objects", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ yaml: reviewsVirtualService, namespace: "bookinfo" }),
      }),
    );
    expect(created.status).toBe(201);
    const pods = await consoleEnv.connection.kubeConfig
      .makeApiClient(CoreV1Api)
      .listNamespacedPod({ namespace: "bookinfo", labelSelector: "app=productpage" });
    pod =
      pods.items.find((p) => p.status?.phase === "Running" && p.metadata?.name?.startsWith(`${workload}-`))?.metadata
        ?.name ?? "";
    expect(pod).not.toBe("");
  });

  afterAll(async () => {
    await consoleEnv?.stop();
  });

  const params = () => Promise.resolve({ namespace: "bookinfo", kind: "workloads", name: workload });

  async function summary(): Promise<EnvoySummary> {
    const response = await envoyGet(
      new Request(`http://localhost/api/namespaces/bookinfo/workloads/${workload}/envoy?pod=${pod}`),
      {
        params: params(),
      },
    );
    const body: unknown = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    return envoySummarySchema.parse(body);
  }

  const reviewsRoutes = (s: EnvoySummary) =>
    s.routeConfigs
      .find((c) => c.name === "9080")
      ?.virtualHosts.find((v) => v.domains.includes("reviews.bookinfo.svc.cluster.local"))?.routes ?? [];

  it("shows the reviews VirtualService's rules in order on productpage's proxy", async () => {
    const routes = reviewsRoutes(await summary());
    expect(routes.map((r) => [r.name, r.action])).toEqual([
      ["jason", { kind: "cluster", cluster: reviews("v2") }],
      [
        undefined,
        {
          kind: "weighted",
          clusters: [
            { cluster: reviews("v1"), weight: 50 },
            { cluster: reviews("v3"), weight: 50 },
          ],
        },
      ],
    ]);
    expect(routes.every((r) => r.virtualService?.name === "reviews")).toBe(true);
  });

  it("explains that jason goes to v2 and everyone else is split", async () => {
    const ask = async (headers: string[]) => {
      const query = new URLSearchParams({ pod, host: "reviews:9080", path: "/reviews/0" });
      for (const h of headers) query.append("headers", h);
      const response = await routeMatchGet(
        new Request(
          `http://localhost/api/namespaces/bookinfo/workloads/${workload}/envoy/route-match?${query.toString()}`,
        ),
        { params: params() },
      );
      expect(response.status).toBe(200);
      return routeDecisionSchema.parse(await response.json());
    };
    expect((await ask(["end-user:jason"])).destinations.map((d) => d.cluster)).toEqual([reviews("v2")]);
    const other = await ask(["end-user:bob"]);
    expect(other.steps.map((s) => s.matched)).toEqual([false, true]);
    expect(other.destinations.map((d) => d.weight)).toEqual([50, 50]);
  });

  it("shows a weight shift made through the API within seconds", async () => {
    const shifted = await wizardPost(
      new Request("http://localhost/api/traffic/bookinfo/reviews/traffic-shifting", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          input: {
            routes: [
              { subset: "v1", weight: 20 },
              { subset: "v3", weight: 80 },
            ],
          },
          comment: "envoy tab test",
        }),
      }),
      { params: Promise.resolve({ namespace: "bookinfo", service: "reviews", wizard: "traffic-shifting" }) },
    );
    expect(shifted.status).toBe(200);
    await expect
      .poll(async () => reviewsRoutes(await summary()).map((r) => r.action), { timeout: 10_000, interval: 500 })
      .toEqual([
        { kind: "cluster", cluster: reviews("v2") },
        {
          kind: "weighted",
          clusters: [
            { cluster: reviews("v1"), weight: 20 },
            { cluster: reviews("v3"), weight: 80 },
          ],
        },
      ]);
  });

  it("tells a viewer without create pods/portforward which permission is missing", async () => {
    const error: unknown = await runAsViewer(bob, () =>
      getEnvoySummary({ namespace: "bookinfo", workload, pod }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopsailError);
    expect((error as TopsailError).code).toBe("forbidden");
    expect((error as TopsailError).message).toContain("create pods/portforward");
  });
});
