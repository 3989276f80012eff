/**
 * Issue 16, the Kubernetes side of sign-in: every change is made as the signed-in viewer, so
 * the cluster's RBAC decides, and namespaces a viewer may not see appear nowhere. The demo
 * users of the simulator's token file: alice edits bookinfo, bob views bookinfo and httpbin,
 * carol views bookinfo only. Viewers are set with `runAsViewer`, as a route's `respond()`
 * does once sign-in establishes them.
 */
import { AuthenticationV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TOKENS_PATH, startSimulator, type RunningSimulator } from "@/sim/index";
import { GET as getNodeGraphRoute } from "@/app/api/namespaces/[namespace]/[kind]/[name]/graph/route";
import { GET as getGraphRoute } from "@/app/api/namespaces/graph/route";
import { getDb } from "@/server/adapters/db/client";
import { listAuditEntries } from "@/server/adapters/db/audit-entries";
import { connectionAs, loadKubeConfig, type KubeConnection } from "@/server/adapters/kube";
import { createIstioObject, type StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import {
  recordingEmptyPrometheus,
  startPrometheusStandIn,
  type PrometheusStandIn,
} from "@/server/http/test-support/prometheus-stand-in";
import { listIstioObjectSummaries } from "@/server/istio-config-browser";
import { startExperimentLive } from "@/server/experiments";
import { applyIstioChangesLive } from "@/server/istio-config";
import { listClusterNamespaces } from "@/server/namespaces/list-cluster-namespaces";
import { getPermissions } from "./permissions";
import { demoViewer } from "./test-support/demo-viewer";
import { runAsViewer } from "./viewer";
import { validateVisibleNamespaces } from "@/server/validation";

const alice = demoViewer("alice", ["team-reviews"]);
const bob = demoViewer("bob");
const carol = demoViewer("carol");

const virtualService = (namespace: string, name: string): StoredIstioObject => ({
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name, namespace },
  spec: { hosts: [name], http: [{ route: [{ destination: { host: "reviews", subset: "v1" } }] }] },
});

const create = (namespace: string, name: string) => ({
  changes: [{ kind: "VirtualService", namespace, name, desired: virtualService(namespace, name) }],
  source: "editor" as const,
});

describe("the console acts as the signed-in viewer", () => {
  let console_: ConsoleOnSimulator<RunningSimulator>;
  let prometheus: PrometheusStandIn;
  const promql: string[] = [];

  beforeAll(async () => {
    // A Prometheus that records every query: the graph must send none for a hidden namespace.
    prometheus = await startPrometheusStandIn(recordingEmptyPrometheus(promql));
    console_ = await startConsoleOnSimulator("viewer-rbac", (paths) =>
      startSimulator({ port: 0, ...paths, tokensPath: DEMO_TOKENS_PATH }),
    );
    // Something in httpbin for bob to see and carol not to.
    await createIstioObject(console_.connection, virtualService("httpbin", "httpbin-routes"));
  });

  afterAll(async () => {
    await console_?.stop();
    await prometheus?.stop();
  });

  const entriesOf = (name: string) => listAuditEntries(getDb(), { namespace: "bookinfo", name });

  it("refuses bob's VirtualService write with the API server's 403 naming bob and the verb, and records nothing as applied", async () => {
    const refused = runAsViewer(bob, () => applyIstioChangesLive(create("bookinfo", "bob-routes")));
    await expect(refused).rejects.toMatchObject({ code: "forbidden", httpStatus: 403 });
    const message = await refused.catch((error: Error) => error.message);
    expect(message).toMatch(/"bob"/);
    expect(message).toMatch(/cannot create/);
    expect(message).toMatch(/virtualservices/);
    expect(message).toMatch(/bookinfo/);
    // The write path's dry-run is refused already, before an intent is recorded; a refusal of
    // the write itself would resolve its intent `failed`. Either way nothing reads as applied.
    const entries = await entriesOf("bob-routes");
    expect(entries.filter((e) => e.status === "applied")).toEqual([]);
  });

  it("applies alice's write and names alice and her groups in the audit log", async () => {
    await runAsViewer(alice, () => applyIstioChangesLive(create("bookinfo", "alice-routes")));
    const entries = await entriesOf("alice-routes");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: "applied", actor: "alice", actorGroups: ["team-reviews"] });
  });

  it("hides httpbin from carol: not in the namespace list, its graph is a 404 that sends no PromQL, its config lists nothing", async () => {
    const carolsNamespaces = await runAsViewer(carol, () => listClusterNamespaces());
    const names = carolsNamespaces.namespaces.map((n) => n.name);
    expect(names).toContain("bookinfo");
    expect(names).not.toContain("httpbin");

    promql.length = 0;
    const graph = await runAsViewer(carol, () =>
      getGraphRoute(new Request("http://localhost/api/namespaces/graph?namespaces=httpbin&graphType=workload")),
    );
    expect(graph.status).toBe(404);
    // Nor may she read any node's graph there.
    const nodeGraphs = await runAsViewer(carol, () =>
      Promise.all([
        getNodeGraphRoute(new Request("http://localhost/api/namespaces/httpbin/workloads/httpbin/graph"), {
          params: Promise.resolve({ namespace: "httpbin", kind: "workloads", name: "httpbin" }),
        }),
        getNodeGraphRoute(new Request("http://localhost/api/namespaces/httpbin/services/httpbin/graph"), {
          params: Promise.resolve({ namespace: "httpbin", kind: "services", name: "httpbin" }),
        }),
      ]),
    );
    expect(nodeGraphs.map((r) => r.status)).toEqual([404, 404]);
    expect(promql).toEqual([]);

    const bobsConfig = await runAsViewer(bob, () => listIstioObjectSummaries(["httpbin"]));
    expect(bobsConfig.objects.map((o) => o.name)).toContain("httpbin-routes");
    const carolsConfig = await runAsViewer(carol, () => listIstioObjectSummaries(["httpbin"]));
    expect(carolsConfig.objects).toEqual([]);
    // Nor do its objects' validations.
    expect((await runAsViewer(bob, () => validateVisibleNamespaces(["httpbin"]))).length).toBeGreaterThan(0);
    expect(await runAsViewer(carol, () => validateVisibleNamespaces(["httpbin", "bookinfo"]))).toEqual(
      await runAsViewer(carol, () => validateVisibleNamespaces(["bookinfo"])),
    );
    expect(await runAsViewer(carol, () => validateVisibleNamespaces(["httpbin"]))).toEqual([]);
  });

  it("keeps everything visible to the anonymous console, as before sign-in", async () => {
    const names = (await listClusterNamespaces()).namespaces.map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(["bookinfo", "httpbin"]));
  });

  it("tells the UI what each viewer may change", async () => {
    const alices = await runAsViewer(alice, () => getPermissions("bookinfo"));
    const bobs = await runAsViewer(bob, () => getPermissions("bookinfo"));
    expect(alices.allowed).toMatchObject({ updateIstioConfig: true, deleteIstioConfig: true, startExperiments: true });
    expect(Object.values(bobs.allowed)).not.toContain(true);
  });

  it("starts no experiment for bob, who may not make the changes the runner would make for him", async () => {
    // The starter's permissions are checked before the spec is read any further.
    const spec = { kind: "canary", namespace: "bookinfo", service: "reviews" } as Parameters<
      typeof startExperimentLive
    >[0];
    const refused = runAsViewer(bob, () => startExperimentLive(spec));
    await expect(refused).rejects.toMatchObject({ code: "forbidden", httpStatus: 403 });
    await expect(refused).rejects.toThrow(
      /User "bob" cannot update resource "virtualservices.networking.istio.io" in namespace "bookinfo"/,
    );
  });

  describe("with impersonation (the console's service account plus Impersonate headers)", () => {
    let serviceAccount: KubeConnection;

    beforeAll(() => {
      const loaded = loadKubeConfig(
        { KUBECONFIG: console_.sim.kubeconfigPath },
        "system:serviceaccount:topsail:topsail@topsail-sim",
      );
      if (!loaded.ok) throw new Error(loaded.message);
      serviceAccount = { ...loaded };
    });

    it("refuses bob's write with bob's name", async () => {
      const asBob = connectionAs(serviceAccount, { kind: "impersonate", user: "bob", groups: [] });
      const refused = createIstioObject(asBob, virtualService("bookinfo", "impersonated-routes"));
      await expect(refused).rejects.toMatchObject({ code: "forbidden" });
      await expect(refused).rejects.toThrow(/"bob"/);
    });

    it("sends each group as a header of its own, as kube-apiserver reads them", async () => {
      const asBob = connectionAs(serviceAccount, { kind: "impersonate", user: "bob", groups: ["team-a", "team-b"] });
      const review = await asBob.kubeConfig.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({
        body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
      });
      expect(review.status?.userInfo?.username).toBe("bob");
      expect(review.status?.userInfo?.groups).toEqual(expect.arrayContaining(["team-a", "team-b"]));
    });
  });
});
