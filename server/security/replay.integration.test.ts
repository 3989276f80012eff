/**
 * The authorization replay against the real thing: the simulator generating Bookinfo and
 * fortio traffic, a real Prometheus scraping it every second, and the kube adapter reading the
 * simulated cluster. fortio's calls to httpbin are mirrored to reviews, so reviews has a
 * second real caller besides productpage. The simulator's own enforcement is not used: nothing
 * is applied, the replay only predicts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { CustomObjectsApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizationPolicyFormSchema, type AuthorizationReplay } from "@/lib/contracts/security";
import { startPrometheus, type RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { connectionFromKubeconfig, stopClusterCaches } from "@/server/adapters/kube";
import { createPrometheusClient } from "@/server/adapters/prometheus";
import { buildAuthorizationPolicy } from "./build-authorization-policy";
import { generateAllowObserved } from "./generate-allow-observed";
import { createReplayDeps } from "./index";
import { replayAuthorization, type ReplayDeps } from "./replay-authorization";

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

const onlyProductpageToReviews = buildAuthorizationPolicy(
  authorizationPolicyFormSchema.parse({
    namespace: "bookinfo",
    name: "reviews-viewer",
    action: "ALLOW",
    selector: { app: "reviews" },
    principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"],
  }),
);

async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ready(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 2000));
    value = await read();
  }
  return value;
}

const callerOf = (replay: AuthorizationReplay, workload: string) =>
  replay.callers.filter((c) => c.source.workload === workload);

describe("authorization replay on a live mesh", () => {
  let work: string;
  let sim: RunningSimulator;
  let prometheus: RunningPrometheus;
  let deps: ReplayDeps;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "topsail-replay-"));
    sim = await startSimulator({
      port: 0,
      dataDir: path.join(work, "sim"),
      kubeconfigPath: path.join(work, "kubeconfig"),
      metricsPort: 0,
      seed: 19,
      load: {
        "bookinfo-ingress": { requestsPerSecond: 10 },
        fortio: { requestsPerSecond: 5, connections: 1 },
        "tcp-client": { requestsPerSecond: 0 },
        synthetic: { requestsPerSecond: 0 },
        "grpc-client": { requestsPerSecond: 0 },
      },
    });
    if (!sim.mesh) throw new Error("the simulator started without its mesh");
    prometheus = await startPrometheus({
      dataDir: path.join(work, "prom"),
      port: 0,
      scrapeIntervalSeconds: 1,
      targets: [{ job: "mesh", address: new URL(sim.mesh.metricsUrl).host }],
    });
    const connection = connectionFromKubeconfig(sim.kubeconfigPath);
    await connection.kubeConfig.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: "networking.istio.io",
      version: "v1",
      namespace: "httpbin",
      plural: "virtualservices",
      body: MIRROR_HTTPBIN_TO_REVIEWS,
    });
    const client = createPrometheusClient({
      url: prometheus.url,
      auth: { kind: "none" },
      headers: {},
      timeoutMs: 10_000,
    });
    deps = createReplayDeps(connection, client);
  }, 60_000);

  afterAll(async () => {
    await stopClusterCaches();
    await prometheus?.stop();
    await sim?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("ALLOW only productpage to reviews: fortio is listed as denied and productpage as allowed, with their rates", async () => {
    const replay = await eventually(
      () => replayAuthorization(deps, onlyProductpageToReviews, WINDOW_SECONDS),
      (r) => callerOf(r, "fortio-deploy").length > 0 && callerOf(r, "productpage-v1").length > 0,
      60_000,
    );
    const fortio = callerOf(replay, "fortio-deploy");
    const productpage = callerOf(replay, "productpage-v1");
    expect(
      fortio.map((c) => [c.destination.workload.replace(/-v\d$/, ""), c.before.decision, c.after.decision]),
    ).toEqual(fortio.map(() => ["reviews", "allow", "deny"]));
    expect(fortio[0]!.source.principal).toBe("cluster.local/ns/httpbin/sa/default");
    expect(productpage.every((c) => c.after.decision === "allow" && c.requestsPerSecond > 0)).toBe(true);
    // Denied callers come first: what the user must see before applying.
    expect(replay.callers[0]!.after.decision).toBe("deny");
    // Only reviews' callers: productpage's own callers (the ingress gateway) are not the policy's business.
    expect(replay.callers.every((c) => c.destination.workload.startsWith("reviews-"))).toBe(true);
  }, 90_000);

  it("'allow only observed callers' for reviews-v1 names productpage and fortio and denies neither", async () => {
    const generated = await generateAllowObserved(
      deps,
      { namespace: "bookinfo", workload: "reviews-v1" },
      WINDOW_SECONDS,
    );
    expect(generated.policy.principals).toEqual([
      "cluster.local/ns/bookinfo/sa/bookinfo-productpage",
      "cluster.local/ns/httpbin/sa/default",
    ]);
    expect(generated.replay.callers.length).toBeGreaterThan(0);
    expect(generated.replay.callers.filter((c) => c.after.decision !== "allow")).toEqual([]);
  }, 30_000);
});
