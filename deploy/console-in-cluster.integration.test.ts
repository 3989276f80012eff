/**
 * deploy/ against the simulator, RBAC enforced (the demo token file): `kubectl apply -k`
 * accepts the base and the PostgreSQL overlay, and the console authenticated as the
 * Deployment's ServiceAccount (its token, through a kubeconfig context, as in a pod) does what
 * the connected smoke tests do — namespaces, the graph's cluster state, the inventory, a
 * VirtualService previewed and applied — and is refused what its roles do not grant.
 *
 * The simulator's default scenario carries the same ClusterRole (sim/scenarios/console-rbac.test.ts
 * keeps them equal); it is deleted first, so every permission used below comes from deploy/base.
 *
 * The console runs in-process: its route handlers, called through proxy.ts as a client reaches
 * them (server/http/test-support/call-as-client.ts), with KUBECONFIG, TOPSAIL_KUBE_CONTEXT and
 * DATABASE_URL set as a pod would have them. That is every line of server code a request runs
 * and the same client-node calls carrying the same token, without the production build, which
 * `npm test` makes only after the integration tests.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AppsV1Api, CoordinationV1Api, CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createPost } from "@/app/api/istio/objects/route";
import { POST as previewPost } from "@/app/api/istio/objects/preview/route";
import { GET as inventoryGet } from "@/app/api/namespaces/[namespace]/[kind]/route";
import { GET as namespacesGet } from "@/app/api/namespaces/route";
import { applyResponseSchema, previewResponseSchema } from "@/lib/contracts/istio-objects";
import { getKubeConnection, stopClusterCaches } from "@/server/adapters/kube";
import { readClusterState } from "@/server/graph/read-cluster-state";
import { callAsClient, origin, routeHandler, type ClientAnswer } from "@/server/http/test-support/call-as-client";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import { DEMO_TOKENS_PATH, startSimulator, type RunningSimulator } from "@/sim/index";
import { kubectlFor, type Kubectl } from "@/sim/test-support/run-kubectl";

const serviceAccount = "system:serviceaccount:topsail:topsail";
// sim/cli/write-kubeconfig.ts names each token user's context `<user>@topsail-sim`.
const serviceAccountContext = `${serviceAccount}@topsail-sim`;
const deployDir = path.resolve(import.meta.dirname);

let env: ConsoleOnSimulator<RunningSimulator>;
let admin: Kubectl;
let cacheDir: string;
const saved = {
  TOPSAIL_KUBE_CONTEXT: process.env.TOPSAIL_KUBE_CONTEXT,
  TOPSAIL_PROMETHEUS_URL: process.env.TOPSAIL_PROMETHEUS_URL,
};

beforeAll(async () => {
  env = await startConsoleOnSimulator("deploy", (paths) =>
    startSimulator({ port: 0, ...paths, tokensPath: DEMO_TOKENS_PATH }),
  );
  cacheDir = mkdtempSync(path.join(tmpdir(), "topsail-deploy-kubectl-"));
  admin = kubectlFor(env.sim.kubeconfigPath, cacheDir);
  process.env.TOPSAIL_KUBE_CONTEXT = serviceAccountContext;
  // No Prometheus: the pages degrade without it, and nothing here is about telemetry.
  process.env.TOPSAIL_PROMETHEUS_URL = "http://127.0.0.1:1";
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  // Before the simulator goes: the console's watches would otherwise retry against it.
  await stopClusterCaches();
  await env?.stop();
  rmSync(cacheDir, { recursive: true, force: true });
});

const asClient = (answer: ClientAnswer) => {
  if (answer.reached === "no-route") throw new Error("no route");
  return { status: answer.status, body: JSON.parse(answer.text) as unknown };
};
const jsonHeaders = { "content-type": "application/json", origin, "sec-fetch-site": "same-origin" };

describe("kubectl apply -k deploy/", () => {
  it("applies the base: namespace, service account, roles, Deployment, Service and PodDisruptionBudget", async () => {
    const removed = await admin.run(["delete", "clusterrolebinding,clusterrole", "topsail"]);
    expect(removed.code, removed.stderr).toBe(0);
    // `kubectl apply -k deploy/` as the README says: deploy/kustomization.yaml is the base.
    const applied = await admin.run(["apply", "-k", deployDir]);
    expect(applied.stderr).toBe("");
    expect(applied.code).toBe(0);
    expect(applied.stdout.trim().split("\n").sort()).toEqual([
      "clusterrole.rbac.authorization.k8s.io/topsail created",
      "clusterrolebinding.rbac.authorization.k8s.io/topsail created",
      "deployment.apps/topsail created",
      "namespace/topsail created",
      "poddisruptionbudget.policy/topsail created",
      "role.rbac.authorization.k8s.io/topsail-leader-election created",
      "rolebinding.rbac.authorization.k8s.io/topsail-leader-election created",
      "service/topsail created",
      "serviceaccount/topsail created",
    ]);
    const deployment = await admin.run(["get", "deployment", "topsail", "-n", "topsail", "-o", "json"]);
    const spec = (JSON.parse(deployment.stdout) as { spec: { replicas: number } }).spec;
    expect(spec.replicas).toBe(2);
  });

  it("applies the PostgreSQL overlay, which takes DATABASE_URL from a Secret", async () => {
    const applied = await admin.run(["apply", "-k", path.join(deployDir, "overlays", "postgresql")]);
    expect(applied.code, applied.stderr).toBe(0);
    const databaseUrl = await admin.run([
      "get",
      "deployment",
      "topsail",
      "-n",
      "topsail",
      "-o",
      'jsonpath={.spec.template.spec.containers[0].env[?(@.name=="DATABASE_URL")]}',
    ]);
    expect(JSON.parse(databaseUrl.stdout)).toEqual({
      name: "DATABASE_URL",
      valueFrom: { secretKeyRef: { name: "topsail-database", key: "url" } },
    });
  });
});

describe("the console as the deployment's ServiceAccount", () => {
  it("acts with the ServiceAccount's token", () => {
    const user = getKubeConnection().kubeConfig.getCurrentUser();
    expect(user?.name).toBe(serviceAccountContext);
    expect(user?.token).toBeTruthy();
  });

  it("lists the namespaces", async () => {
    const response = await namespacesGet();
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain('"bookinfo"');
  });

  it("reads the graph's cluster state: workloads, services and routing of bookinfo", async () => {
    const state = await readClusterState(getKubeConnection(), ["bookinfo"]);
    expect(state.namespaces).toEqual(["bookinfo"]);
    expect(state.workloads.map((w) => w.name)).toContain("reviews-v3");
    expect(state.services.map((s) => s.name)).toContain("productpage");
  });

  it("lists the inventory of bookinfo", async () => {
    const response = await inventoryGet(new Request(`${origin}/api/namespaces/bookinfo/services`), {
      params: Promise.resolve({ namespace: "bookinfo", kind: "services" }),
    });
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain('"reviews"');
  });

  it("previews, then applies a VirtualService", async () => {
    const yaml = [
      "apiVersion: networking.istio.io/v1",
      "kind: VirtualService",
      "metadata: {name: ratings-deploy-test}",
      "spec:",
      "  hosts: [ratings]",
      "  http:",
      "  - route:",
      "    - destination: {host: ratings}",
      "",
    ].join("\n");
    const body = JSON.stringify({ yaml, namespace: "bookinfo" });
    const preview = asClient(
      await callAsClient("/api/istio/objects/preview", routeHandler(previewPost), {
        method: "POST",
        target: "/api/istio/objects/preview",
        headers: jsonHeaders,
        body: JSON.stringify({ mode: "create", yaml, namespace: "bookinfo" }),
      }),
    );
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(previewResponseSchema.parse(preview.body).action).toBe("create");

    const applied = asClient(
      await callAsClient("/api/istio/objects", routeHandler(createPost), {
        method: "POST",
        target: "/api/istio/objects",
        headers: jsonHeaders,
        body,
      }),
    );
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applyResponseSchema.parse(applied.body)).toMatchObject({ action: "create", name: "ratings-deploy-test" });
    const live = await admin.run(["get", "vs", "ratings-deploy-test", "-n", "bookinfo", "-o", "name"]);
    expect(live.stdout.trim()).toBe("virtualservice.networking.istio.io/ratings-deploy-test");
  });

  it("holds a Lease in its own namespace, for leader election, and nowhere else", async () => {
    const leases = getKubeConnection().kubeConfig.makeApiClient(CoordinationV1Api);
    const lease = (namespace: string) => ({
      namespace,
      body: { metadata: { name: "topsail-deploy-test" }, spec: { holderIdentity: "replica-a" } },
    });
    const created = await leases.createNamespacedLease(lease("topsail"));
    expect(created.spec?.holderIdentity).toBe("replica-a");
    await expect(leases.createNamespacedLease(lease("bookinfo"))).rejects.toMatchObject({ code: 403 });
    await expect(
      leases.deleteNamespacedLease({ namespace: "topsail", name: "topsail-deploy-test" }),
    ).rejects.toMatchObject({ code: 403 });
  });

  it("is refused what its roles do not grant: listing Secrets (it may only get one by name), and deleting a Deployment", async () => {
    const kubeConfig = getKubeConnection().kubeConfig;
    await expect(
      kubeConfig.makeApiClient(CoreV1Api).listNamespacedSecret({ namespace: "topsail" }),
    ).rejects.toMatchObject({ code: 403 });
    await expect(
      kubeConfig.makeApiClient(AppsV1Api).deleteNamespacedDeployment({ namespace: "bookinfo", name: "reviews-v3" }),
    ).rejects.toMatchObject({ code: 403 });
    const asServiceAccount = kubectlFor(env.sim.kubeconfigPath, cacheDir, ["--context", serviceAccountContext]);
    const secrets = await asServiceAccount.run(["get", "secrets", "-A"]);
    expect(secrets.code).not.toBe(0);
    expect(secrets.stderr).toContain(`User "${serviceAccount}" cannot list resource "secrets"`);
  });
});
