/**
 * The Security API against the real thing: the simulator generating Bookinfo and fortio
 * traffic, a real Prometheus scraping it every second, and the console's route handlers on a
 * migrated SQLite file. fortio's calls to httpbin are mirrored to reviews, so reviews has a
 * second real caller besides productpage. The replay only predicts from metrics; once the
 * policy is applied, the simulator's enforcement shows whether the prediction held, and the
 * console's graph API must draw the resulting 403s on the denied callers' edges only.
 */
import path from "node:path";
import { CustomObjectsApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as applyRoute } from "@/app/api/security/authorization/apply/route";
import { POST as generateRoute } from "@/app/api/security/authorization/generate/route";
import { POST as replayRoute } from "@/app/api/security/authorization/replay/route";
import { GET as securityRoute } from "@/app/api/security/[namespace]/route";
import { GET as graphRoute } from "@/app/api/namespaces/graph/route";
import { GET as policyDetailRoute } from "@/app/api/security/policies/[namespace]/[name]/route";
import { graphResponseSchema, type GraphResponse } from "@/lib/contracts/graph";
import {
  appliedPolicySchema,
  authorizationPolicyDetailSchema,
  authorizationReplaySchema,
  generatedPolicySchema,
  securityStateSchema,
  type AuthorizationPolicyForm,
  type AuthorizationReplay,
} from "@/lib/contracts/security";
import { startPrometheus, type RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import { stopClusterCaches } from "@/server/adapters/kube";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { eventually } from "@/sim/mesh/test-support/prometheus-harness";

const WINDOW_SECONDS = 60;

const MIRROR_HTTPBIN_TO_REVIEWS = {
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "httpbin", namespace: "httpbin" },
  spec: {
    hosts: ["httpbin"],
    http: [
      {
        route: [{ destination: { host: "httpbin" } }],
        mirror: { host: "reviews.bookinfo.svc.cluster.local", port: { number: 9080 } },
      },
    ],
  },
};

const onlyProductpageToReviews: AuthorizationPolicyForm = {
  namespace: "bookinfo",
  name: "reviews-viewer",
  action: "ALLOW",
  selector: { app: "reviews" },
  principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"],
};

const post = (url: string, body: unknown) =>
  new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

async function replay(): Promise<AuthorizationReplay> {
  const response = await replayRoute(
    post("/api/security/authorization/replay", { policy: onlyProductpageToReviews, windowSeconds: WINDOW_SECONDS }),
  );
  expect(response.status).toBe(200);
  return authorizationReplaySchema.parse(await response.json());
}

const callersFrom = (r: AuthorizationReplay, workload: string) =>
  r.callers.filter((c) => c.source.workload === workload);

/** The console's workload graph of bookinfo, through its route (30 s: the shortest window the API accepts). */
async function bookinfoGraph(): Promise<GraphResponse> {
  const response = await graphRoute(
    new Request("http://localhost/api/namespaces/graph?namespaces=bookinfo&graphType=workload&duration=30s"),
  );
  expect(response.status).toBe(200);
  return graphResponseSchema.parse(await response.json());
}

interface DrawnEdge {
  source: string;
  target: string;
  /** The 4xx response codes the graph drew on the edge. */
  codes4xx: string[];
  percentErr: number;
}

/** Every HTTP edge of the graph between workload nodes, named by workload. */
function workloadEdges(graph: GraphResponse): DrawnEdge[] {
  const workloadOf = new Map(graph.elements.nodes.map((n) => [n.data.id, n.data.workload ?? `(${n.data.nodeType})`]));
  return graph.elements.edges
    .filter((e) => e.data.traffic.protocol === "http")
    .map(({ data }) => ({
      source: workloadOf.get(data.source) ?? data.source,
      target: workloadOf.get(data.target) ?? data.target,
      codes4xx: Object.keys(data.traffic.responses).filter((code) => code.startsWith("4")),
      percentErr: Number(data.traffic.rates.httpPercentErr ?? 0),
    }));
}

const named = (edges: DrawnEdge[]) => edges.map((e) => `${e.source} → ${e.target}`).sort();

describe("the Security API on a live mesh", () => {
  /** The workloads the replay listed as denied before the policy was applied (first test). */
  let deniedBeforeApply: string[] = [];
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;
  let prometheus: RunningPrometheus;
  const savedPrometheusUrl = process.env.TOPSAIL_PROMETHEUS_URL;

  beforeAll(async () => {
    consoleEnv = await startConsoleOnSimulator("security", (paths) =>
      startSimulator({
        port: 0,
        metricsPort: 0,
        seed: 19,
        load: {
          "bookinfo-ingress": { requestsPerSecond: 10 },
          fortio: { requestsPerSecond: 5, connections: 1 },
          "tcp-client": { requestsPerSecond: 0 },
          synthetic: { requestsPerSecond: 0 },
          "grpc-client": { requestsPerSecond: 0 },
        },
        ...paths,
      }),
    );
    const mesh = consoleEnv.sim.mesh;
    if (!mesh) throw new Error("the simulator started without its mesh");
    prometheus = await startPrometheus({
      dataDir: path.join(consoleEnv.dir, "prom"),
      port: 0,
      scrapeIntervalSeconds: 1,
      targets: [{ job: "mesh", address: new URL(mesh.metricsUrl).host }],
    });
    // Read once by getConfig(): set before the first route runs.
    process.env.TOPSAIL_PROMETHEUS_URL = prometheus.url;
    await consoleEnv.connection.kubeConfig.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: "networking.istio.io",
      version: "v1",
      namespace: "httpbin",
      plural: "virtualservices",
      body: MIRROR_HTTPBIN_TO_REVIEWS,
    });
  }, 60_000);

  afterAll(async () => {
    if (savedPrometheusUrl === undefined) delete process.env.TOPSAIL_PROMETHEUS_URL;
    else process.env.TOPSAIL_PROMETHEUS_URL = savedPrometheusUrl;
    await stopClusterCaches();
    await prometheus?.stop();
    await consoleEnv?.stop();
  });

  it("replays ALLOW only productpage to reviews: fortio is listed as denied and productpage as allowed, with rates", async () => {
    const r = await eventually(
      replay,
      (x) => callersFrom(x, "fortio-deploy").length > 0 && callersFrom(x, "productpage-v1").length > 0,
    );
    const fortio = callersFrom(r, "fortio-deploy");
    expect(fortio.map((c) => [c.before.decision, c.after.decision])).toEqual(fortio.map(() => ["allow", "deny"]));
    expect(fortio[0]!.source.principal).toBe("cluster.local/ns/httpbin/sa/default");
    expect(fortio.every((c) => c.requestsPerSecond > 0)).toBe(true);
    const productpage = callersFrom(r, "productpage-v1");
    expect(productpage.every((c) => c.after.decision === "allow" && c.requestsPerSecond > 0)).toBe(true);
    // Denied callers come first: what the user must see before applying.
    expect(r.callers[0]!.after.decision).toBe("deny");
    // Only reviews' callers: productpage's own callers (the ingress gateway) are not this policy's business.
    expect(r.callers.every((c) => c.destination.workload.startsWith("reviews-"))).toBe(true);
    deniedBeforeApply = [
      ...new Set(r.callers.filter((c) => c.after.decision === "deny").map((c) => c.source.workload)),
    ];
  }, 90_000);

  it("generates 'allow only observed callers' for reviews-v1 naming productpage and fortio, denying neither", async () => {
    const response = await generateRoute(
      post("/api/security/authorization/generate", {
        namespace: "bookinfo",
        workload: "reviews-v1",
        windowSeconds: WINDOW_SECONDS,
      }),
    );
    expect(response.status).toBe(200);
    const generated = generatedPolicySchema.parse(await response.json());
    expect(generated.policy.principals).toEqual([
      "cluster.local/ns/bookinfo/sa/bookinfo-productpage",
      "cluster.local/ns/httpbin/sa/default",
    ]);
    expect(generated.replay.callers.length).toBeGreaterThan(0);
    expect(generated.replay.callers.filter((c) => c.after.decision !== "allow")).toEqual([]);
  }, 30_000);

  it("applies the policy through the audited write path; the Security view then lists it and the replay judges it live", async () => {
    const response = await applyRoute(post("/api/security/authorization/apply", { policy: onlyProductpageToReviews }));
    expect(response.status).toBe(200);
    const applied = appliedPolicySchema.parse(await response.json());
    expect(applied.changes).toEqual([
      expect.objectContaining({ kind: "AuthorizationPolicy", name: "reviews-viewer", action: "create" }),
    ]);
    expect(applied.changes[0]!.auditId).toBeTruthy();

    const state = securityStateSchema.parse(
      await (
        await securityRoute(new Request("http://localhost/api/security/bookinfo"), {
          params: Promise.resolve({ namespace: "bookinfo" }),
        })
      ).json(),
    );
    expect(state.authorizationPolicies).toContainEqual(
      expect.objectContaining({ name: "reviews-viewer", action: "ALLOW", selector: { app: "reviews" }, rules: 1 }),
    );
    expect(state.workloads.map((w) => w.name)).toContain("reviews-v1");

    // Now live: the same proposal changes nothing, and fortio is already denied.
    const after = await replay();
    expect(callersFrom(after, "fortio-deploy").every((c) => c.before.decision === "deny")).toBe(true);

    // And the simulator enforces it: the callers the replay listed as denied now get 403 from reviews' proxies, and
    // only they do.
    const forbiddenBySource = async (): Promise<Record<string, number>> => {
      const query =
        'sum by (source_workload) (rate(istio_requests_total{reporter="destination",' +
        'destination_workload=~"reviews-.*",response_code="403"}[5s]))';
      const answer = (await (
        await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(query)}`)
      ).json()) as {
        data: { result: { metric: { source_workload: string }; value: [number, string] }[] };
      };
      return Object.fromEntries(answer.data.result.map((r) => [r.metric.source_workload, Number(r.value[1])]));
    };
    const forbidden = await eventually(forbiddenBySource, (f) => (f["fortio-deploy"] ?? 0) > 0, 30_000);
    expect(Object.keys(forbidden).filter((w) => (forbidden[w] ?? 0) > 0)).toEqual(["fortio-deploy"]);

    // Its detail page: whom it applies to, its rule in words, and its current effect — fortio denied by this policy
    // (allowed without it), productpage allowed.
    const detailResponse = await policyDetailRoute(
      new Request(`http://localhost/api/security/policies/bookinfo/reviews-viewer?windowSeconds=${WINDOW_SECONDS}`),
      { params: Promise.resolve({ namespace: "bookinfo", name: "reviews-viewer" }) },
    );
    const body: unknown = await detailResponse.json();
    expect(detailResponse.status, JSON.stringify(body)).toBe(200);
    const detail = authorizationPolicyDetailSchema.parse(body);
    expect(detail.scope).toBe("Workloads labelled app=reviews in namespace bookinfo");
    expect(detail.workloads.map((w) => w.name).sort()).toEqual(["reviews-v1", "reviews-v2", "reviews-v3"]);
    expect(detail.rules[0]?.from).toEqual(["principal is cluster.local/ns/bookinfo/sa/bookinfo-productpage"]);
    if ("problem" in detail.effect) throw new Error(detail.effect.problem);
    const fortio = detail.effect.callers.filter((c) => c.source.workload === "fortio-deploy");
    expect(fortio.length).toBeGreaterThan(0);
    expect(fortio.every((c) => c.after.decision === "deny" && c.before.decision === "allow")).toBe(true);
    expect(
      detail.effect.callers
        .filter((c) => c.source.workload === "productpage-v1")
        .every((c) => c.after.decision === "allow"),
    ).toBe(true);
  }, 60_000);

  it("after apply, the graph draws 403s on exactly the edges from the callers the replay denied to reviews", async () => {
    // Not a single-caller case: another workload besides productpage calls reviews, and it is the one denied.
    expect(deniedBeforeApply).toEqual(["fortio-deploy"]);
    const denied = new Set(deniedBeforeApply);
    const intoReviews = (edges: DrawnEdge[]) => edges.filter((e) => e.target.startsWith("reviews-"));
    // Wait for the positive condition only: every denied caller → reviews edge carries a 403. The window still
    // holds the calls from before the policy, so those edges also carry 200s.
    const graph = await eventually(
      bookinfoGraph,
      (g) => {
        const fromDenied = intoReviews(workloadEdges(g)).filter((e) => denied.has(e.source));
        return fromDenied.length > 0 && fromDenied.every((e) => e.codes4xx.includes("403"));
      },
      40_000,
    );
    const edges = workloadEdges(graph);
    const fromDenied = intoReviews(edges).filter((e) => denied.has(e.source));
    expect(fromDenied.map((e) => e.codes4xx)).toEqual(fromDenied.map(() => ["403"]));
    expect(fromDenied.every((e) => e.percentErr > 0)).toBe(true);
    // On the same answer: the 4xx errors are drawn on those edges and nowhere else in the graph …
    expect(named(edges.filter((e) => e.codes4xx.length > 0))).toEqual(named(fromDenied));
    // … and productpage's calls to reviews, which the policy allows, are drawn, without errors.
    const fromProductpage = intoReviews(edges).filter((e) => e.source === "productpage-v1");
    expect(fromProductpage.length).toBeGreaterThan(0);
    expect(fromProductpage.map((e) => [e.codes4xx, e.percentErr])).toEqual(fromProductpage.map(() => [[], 0]));
  }, 60_000);
});
