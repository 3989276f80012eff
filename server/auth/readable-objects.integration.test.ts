/**
 * Issue 16's rule for reads the console answers from its own cache: a viewer who may see a
 * namespace (`get namespaces`) but not list what a page shows there is refused as kubectl would
 * be — 403 naming them, `list`, the resource and the namespace — and pages spanning namespaces
 * leave those out. The simulator's RBAC decides (demo users of its token file): carol is given
 * `get` on the httpbin namespace only, bob views httpbin. Prometheus is a stand-in with no
 * samples: the refusals must come before it is asked. The audit log is the console's own
 * database, written directly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getDetailRoute } from "@/app/api/namespaces/[namespace]/[kind]/[name]/route";
import { GET as getMetricsRoute } from "@/app/api/namespaces/[namespace]/[kind]/[name]/metrics/route";
import { GET as getTrafficRoute } from "@/app/api/namespaces/[namespace]/[kind]/[name]/traffic/route";
import { GET as getListRoute } from "@/app/api/namespaces/[namespace]/[kind]/route";
import { GET as getOverviewRoute } from "@/app/api/overview/route";
import { GET as getIstioObjectRoute } from "@/app/api/istio/objects/[namespace]/[kind]/[name]/route";
import { GET as getValidationsRoute } from "@/app/api/istio/validations/route";
import { GET as getChangesRoute } from "@/app/api/namespaces/[namespace]/changes/route";
import { GET as getGatewayRoute } from "@/app/api/gateways/[namespace]/[name]/route";
import { GET as getGatewaysRoute } from "@/app/api/gateways/route";
import { GET as getSecurityRoute } from "@/app/api/security/[namespace]/route";
import { GET as getPolicyRoute } from "@/app/api/security/policies/[namespace]/[name]/route";
import { GET as getAuditListRoute } from "@/app/api/audit/route";
import { GET as getAuditEntryRoute } from "@/app/api/audit/[id]/route";
import { GET as getExperimentsRoute } from "@/app/api/experiments/route";
import { GET as getExperimentRoute } from "@/app/api/experiments/[id]/route";
import type { ExperimentList } from "@/lib/contracts/experiments";
import { insertExperiment } from "@/server/experiments/experiment-store";
import { canaryRecord } from "@/server/experiments/test-support/records";
import type { AuditList } from "@/lib/contracts/audit";
import { recordAuditEntry } from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import type { Overview } from "@/lib/contracts/overview";
import { createIstioObject } from "@/server/adapters/kube/istio-objects";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import {
  recordingEmptyPrometheus,
  startPrometheusStandIn,
  type PrometheusStandIn,
} from "@/server/http/test-support/prometheus-stand-in";
import { listIstioObjectSummaries } from "@/server/istio-config-browser";
import { DEMO_TOKENS_PATH, startSimulator, type RunningSimulator } from "@/sim/index";
import { grantNamespaceGet } from "./test-support/grant-namespace-get";
import { demoViewer } from "./test-support/demo-viewer";
import { runAsViewer } from "./viewer";

const bob = demoViewer("bob");
const carol = demoViewer("carol");

type Path = { namespace: string; kind: string; name: string };
const at = (suffix: string, { namespace, kind, name }: Path) =>
  new Request(`http://localhost/api/namespaces/${namespace}/${kind}/${name}${suffix}`);
const paramsOf = (path: Path) => ({ params: Promise.resolve(path) });

const fortioApp = { namespace: "httpbin", kind: "applications", name: "fortio" };
const fortioWorkload = { namespace: "httpbin", kind: "workloads", name: "fortio-deploy" };
const httpbinService = { namespace: "httpbin", kind: "services", name: "httpbin" };

/** The answers a viewer gets from the detail, list, metrics and traffic routes of httpbin. */
const readHttpbin = () =>
  Promise.all([
    getDetailRoute(at("", fortioApp), paramsOf(fortioApp)),
    getDetailRoute(at("", fortioWorkload), paramsOf(fortioWorkload)),
    getDetailRoute(at("", httpbinService), paramsOf(httpbinService)),
    getListRoute(new Request("http://localhost/api/namespaces/httpbin/workloads"), {
      params: Promise.resolve({ namespace: "httpbin", kind: "workloads" }),
    }),
    getMetricsRoute(at("/metrics?direction=inbound", fortioWorkload), paramsOf(fortioWorkload)),
    getTrafficRoute(at("/traffic", httpbinService), paramsOf(httpbinService)),
  ]);

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

/** httpbin's Gateway, AuthorizationPolicy and mTLS pages and its service's change markers, as a viewer asks them. */
const readHttpbinMeshPages = () =>
  Promise.all([
    getGatewayRoute(new Request("http://localhost/api/gateways/httpbin/httpbin-gateway"), {
      params: Promise.resolve({ namespace: "httpbin", name: "httpbin-gateway" }),
    }),
    getPolicyRoute(new Request("http://localhost/api/security/policies/httpbin/allow-fortio"), {
      params: Promise.resolve({ namespace: "httpbin", name: "allow-fortio" }),
    }),
    getSecurityRoute(new Request("http://localhost/api/security/httpbin"), {
      params: Promise.resolve({ namespace: "httpbin" }),
    }),
    getChangesRoute(new Request(`http://localhost/api/namespaces/httpbin/changes?from=${hourAgo()}&service=httpbin`), {
      params: Promise.resolve({ namespace: "httpbin" }),
    }),
  ]);

const messageOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

describe("reads a viewer may see the namespace of but not list", () => {
  let console_: ConsoleOnSimulator<RunningSimulator>;
  let prometheus: PrometheusStandIn;
  const promql: string[] = [];

  beforeAll(async () => {
    prometheus = await startPrometheusStandIn(recordingEmptyPrometheus(promql));
    console_ = await startConsoleOnSimulator("readable-objects", (paths) =>
      startSimulator({ port: 0, ...paths, tokensPath: DEMO_TOKENS_PATH }),
    );
    // Carol may get the httpbin namespace and nothing in it (her view role is in bookinfo only).
    await grantNamespaceGet(console_.connection, "carol", "httpbin");
    await createIstioObject(console_.connection, {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "httpbin-routes", namespace: "httpbin" },
      spec: { hosts: ["httpbin"], http: [{ route: [{ destination: { host: "httpbin" } }] }] },
    });
    await createIstioObject(console_.connection, {
      apiVersion: "networking.istio.io/v1",
      kind: "Gateway",
      metadata: { name: "httpbin-gateway", namespace: "httpbin" },
      spec: {
        selector: { istio: "ingressgateway" },
        servers: [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["httpbin.example.com"] }],
      },
    });
  });

  afterAll(async () => {
    await console_?.stop();
    await prometheus?.stop();
  });

  it("refuses carol the app, workload and service pages, the list, metrics and traffic with 403 naming her, list and the resource, asking Prometheus nothing", async () => {
    promql.length = 0;
    const [app, workload, service, list, metrics, traffic] = await runAsViewer(carol, readHttpbin);
    expect([app, workload, service, list, metrics, traffic].map((r) => r.status)).toEqual([
      403, 403, 403, 403, 403, 403,
    ]);
    const pods = 'User "carol" cannot list resource "pods" in namespace "httpbin"';
    const services = 'User "carol" cannot list resource "services" in namespace "httpbin"';
    expect(await messageOf(app)).toMatchObject({ code: "forbidden", message: expect.stringContaining(pods) });
    expect((await messageOf(workload)).message).toContain(pods);
    expect((await messageOf(service)).message).toContain(services);
    expect((await messageOf(list)).message).toContain(pods);
    expect((await messageOf(metrics)).message).toContain(pods);
    expect((await messageOf(traffic)).message).toContain(services);
    expect(promql).toEqual([]);
  });

  it("refuses her httpbin's Istio config and lists none of it, naming the kind", async () => {
    const detail = await runAsViewer(carol, () =>
      getIstioObjectRoute(new Request("http://localhost/api/istio/objects/httpbin/VirtualService/httpbin-routes"), {
        params: Promise.resolve({ namespace: "httpbin", kind: "VirtualService", name: "httpbin-routes" }),
      }),
    );
    expect(detail.status).toBe(403);
    expect((await messageOf(detail)).message).toContain(
      'User "carol" cannot list resource "virtualservices.networking.istio.io" in namespace "httpbin"',
    );
    const carols = await runAsViewer(carol, () => listIstioObjectSummaries(["httpbin"]));
    expect(carols.objects).toEqual([]);
    const bobs = await runAsViewer(bob, () => listIstioObjectSummaries(["httpbin"]));
    expect(bobs.objects.map((o) => o.name)).toContain("httpbin-routes");
    // Nor what is wrong with it: the validations name and quote the objects.
    const validationsOf = async (viewer: typeof bob) => {
      const response = await runAsViewer(viewer, () =>
        getValidationsRoute(new Request("http://localhost/api/istio/validations?namespaces=httpbin")),
      );
      expect(response.status).toBe(200);
      return ((await response.json()) as { name: string }[]).map((v) => v.name);
    };
    expect(await validationsOf(carol)).toEqual([]);
    expect(await validationsOf(bob)).toEqual(expect.arrayContaining(["httpbin-routes", "httpbin-gateway"]));
  });

  it("refuses her httpbin's Gateway, AuthorizationPolicy and mTLS pages and its service's change markers, naming what each shows", async () => {
    const [gateway, policy, security, changes] = await runAsViewer(carol, readHttpbinMeshPages);
    expect([gateway, policy, security, changes].map((r) => r.status)).toEqual([403, 403, 403, 403]);
    const cannotList = (resource: string) => `User "carol" cannot list resource "${resource}" in namespace "httpbin"`;
    expect((await messageOf(gateway)).message).toContain(cannotList("gateways.networking.istio.io"));
    expect((await messageOf(policy)).message).toContain(cannotList("authorizationpolicies.security.istio.io"));
    expect((await messageOf(security)).message).toContain(cannotList("peerauthentications.security.istio.io"));
    expect((await messageOf(changes)).message).toContain(cannotList("services"));
    const gateways = await runAsViewer(carol, () =>
      getGatewaysRoute(new Request("http://localhost/api/gateways?namespaces=httpbin")),
    );
    expect(await gateways.json()).toEqual([]);
  });

  it("leaves httpbin's VirtualService changes out of her audit log and answers 404 for one, keeping what she may see", async () => {
    const record = (kind: string, namespace: string, name: string) =>
      recordAuditEntry(getDb(), { actor: "alice", action: "update", kind, namespace, name, source: "external" });
    const hidden = await record("VirtualService", "httpbin", "httpbin-routes");
    await record("Namespace", "httpbin", "httpbin");
    await record("VirtualService", "bookinfo", "reviews");
    const audit = async (viewer: typeof bob, query = "") => {
      const response = await runAsViewer(viewer, () =>
        getAuditListRoute(new Request(`http://localhost/api/audit${query}`)),
      );
      expect(response.status).toBe(200);
      return ((await response.json()) as AuditList).entries.map((e) => `${e.kind} ${e.namespace}/${e.name}`).sort();
    };
    // She may see httpbin, so its injection setting; she views bookinfo; she may not list httpbin's VirtualServices.
    expect(await audit(carol)).toEqual(["Namespace httpbin/httpbin", "VirtualService bookinfo/reviews"]);
    expect(await audit(carol, "?namespaces=httpbin")).toEqual(["Namespace httpbin/httpbin"]);
    expect(await audit(carol, "?namespaces=httpbin&kind=VirtualService")).toEqual([]);
    expect(await audit(bob, "?namespaces=httpbin")).toEqual([
      "Namespace httpbin/httpbin",
      "VirtualService httpbin/httpbin-routes",
    ]);
    const detail = (viewer: typeof bob) =>
      runAsViewer(viewer, () =>
        getAuditEntryRoute(new Request(`http://localhost/api/audit/${hidden.id}`), {
          params: Promise.resolve({ id: hidden.id }),
        }),
      );
    expect((await detail(carol)).status).toBe(404);
    expect((await detail(bob)).status).toBe(200);
  });

  it("leaves httpbin's experiment, which shows its service's traffic, out of her list and refuses it as the service page", async () => {
    const newCanary = (namespace: string, service: string) => {
      const { id: _id, createdAt: _createdAt, ...record } = canaryRecord({ namespace, service });
      return insertExperiment(getDb(), { ...record, namespace, service }, []);
    };
    const httpbinCanary = await newCanary("httpbin", "httpbin");
    await newCanary("bookinfo", "reviews");
    const experiments = async (viewer: typeof bob) => {
      const response = await runAsViewer(viewer, () =>
        getExperimentsRoute(new Request("http://localhost/api/experiments")),
      );
      expect(response.status).toBe(200);
      return ((await response.json()) as ExperimentList).items.map((e) => `${e.namespace}/${e.service}`).sort();
    };
    expect(await experiments(carol)).toEqual(["bookinfo/reviews"]);
    expect(await experiments(bob)).toEqual(expect.arrayContaining(["httpbin/httpbin"]));
    const detail = (viewer: typeof bob) =>
      runAsViewer(viewer, () =>
        getExperimentRoute(new Request(`http://localhost/api/experiments/${httpbinCanary.id}`), {
          params: Promise.resolve({ id: httpbinCanary.id }),
        }),
      );
    const refused = await detail(carol);
    expect(refused.status).toBe(403);
    expect((await messageOf(refused)).message).toContain(
      'User "carol" cannot list resource "services" in namespace "httpbin"',
    );
    expect((await detail(bob)).status).toBe(200);
  });

  it("leaves httpbin's card out of her Overview and keeps the namespaces she may read", async () => {
    const response = await runAsViewer(carol, () =>
      getOverviewRoute(new Request("http://localhost/api/overview?namespaces=httpbin,bookinfo")),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as Overview).namespaces.map((n) => n.name)).toEqual(["bookinfo"]);
  });

  it("answers bob, who views httpbin, and the anonymous console, as before", async () => {
    for (const answers of [await runAsViewer(bob, readHttpbin), await readHttpbin()])
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const [service] = await runAsViewer(bob, () =>
      Promise.all([getDetailRoute(at("", httpbinService), paramsOf(httpbinService))]),
    );
    expect(JSON.stringify(await service.json())).toContain("httpbin-v1");
    const overview = await runAsViewer(bob, () =>
      getOverviewRoute(new Request("http://localhost/api/overview?namespaces=httpbin,bookinfo")),
    );
    expect(((await overview.json()) as Overview).namespaces.map((n) => n.name).sort()).toEqual(["bookinfo", "httpbin"]);
    // The policy does not exist: bob is told so (404), not refused.
    const [gateway, policy, security, changes] = await runAsViewer(bob, readHttpbinMeshPages);
    expect([gateway, policy, security, changes].map((r) => r.status)).toEqual([200, 404, 200, 200]);
    const gateways = await runAsViewer(bob, () =>
      getGatewaysRoute(new Request("http://localhost/api/gateways?namespaces=httpbin")),
    );
    expect(((await gateways.json()) as { name: string }[]).map((g) => g.name)).toEqual(["httpbin-gateway"]);
  });
});
