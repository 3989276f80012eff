/**
 * pods/portforward as the console will use it: @kubernetes/client-node's PortForward behind
 * a local TCP listener (one WebSocket per accepted connection, as kubectl and Kiali do),
 * then plain HTTP to the proxy's admin port — the routes in /config_dump follow the
 * VirtualService applied through the API. Plus the refusals: RBAC (403) and a port nothing
 * listens on (kubelet's error on the error channel).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { z } from "zod";
import { CoreV1Api, CustomObjectsApi, KubeConfig, PortForward } from "@kubernetes/client-node";
import { DEMO_TOKENS_PATH, startSimulator, type RunningSimulator } from "../index";
import { userContext } from "../cli/write-kubeconfig";
import { waitFor } from "../test-support/wait-for";
import { Dump, RoutesDump } from "../mesh/test-support/read-config-dump";

const REVIEWS = "reviews.bookinfo.svc.cluster.local";
const VS = { group: "networking.istio.io", version: "v1", namespace: "bookinfo", plural: "virtualservices" };

function reviewsVs(v1Weight: number, resourceVersion?: string) {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "reviews", namespace: "bookinfo", ...(resourceVersion ? { resourceVersion } : {}) },
    spec: {
      hosts: ["reviews"],
      http: [
        {
          name: "jason",
          match: [{ headers: { "end-user": { exact: "jason" } } }],
          route: [{ destination: { host: "reviews", subset: "v2" } }],
        },
        {
          name: "split",
          route: [
            { destination: { host: "reviews", subset: "v1" }, weight: v1Weight },
            { destination: { host: "reviews", subset: "v3" }, weight: 100 - v1Weight },
          ],
        },
      ],
    },
  };
}

/** kubectl port-forward's shape: a local listener, one port-forward WebSocket per accepted connection. */
async function forwardLocally(
  kc: KubeConfig,
  namespace: string,
  pod: string,
  port: number,
): Promise<{ url: string; server: Server; sockets: Set<Socket> }> {
  const forward = new PortForward(kc);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    forward.portForward(namespace, pod, [port], socket, null, socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no address");
  return { url: `http://127.0.0.1:${address.port}`, server, sockets };
}

async function reviewsRoutes(url: string) {
  const response = await fetch(`${url}/config_dump`);
  expect(response.status).toBe(200);
  const routes = Dump.parse(await response.json())
    .configs.map((c) => RoutesDump.safeParse(c))
    .find((r) => r.success)?.data;
  const host = routes?.dynamic_route_configs
    .find((r) => r.route_config.name === "9080")
    ?.route_config.virtual_hosts.find((v) => v.name === `${REVIEWS}:9080`);
  if (!host) throw new Error("no reviews virtual host in route config 9080");
  return host.routes;
}

let sim: RunningSimulator;
let dir: string;
let admin: KubeConfig;
let productpage: string;
const forwards: Array<{ server: Server; sockets: Set<Socket> }> = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topsail-sim-port-forward-"));
  sim = await startSimulator({
    port: 0,
    dataDir: join(dir, "data"),
    kubeconfigPath: join(dir, "kubeconfig"),
    tokensPath: DEMO_TOKENS_PATH,
    // The traffic engine runs (lightly loaded), so the dump is read from the snapshot traffic is routed by.
    metricsPort: 0,
    load: {
      "bookinfo-ingress": { requestsPerSecond: 1 },
      fortio: { requestsPerSecond: 1 },
      "tcp-client": { requestsPerSecond: 1 },
    },
  });
  admin = new KubeConfig();
  admin.loadFromFile(sim.kubeconfigPath);
  const core = admin.makeApiClient(CoreV1Api);
  productpage = await waitFor(async () => {
    const pods = await core.listNamespacedPod({ namespace: "bookinfo", labelSelector: "app=productpage" });
    const pod = pods.items.find((p) => p.status?.podIP);
    return pod?.metadata?.name;
  }, "a productpage pod with an IP");
}, 60_000);

afterAll(async () => {
  for (const f of forwards) {
    for (const s of f.sockets) s.destroy();
    f.server.close();
  }
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("pods/portforward to a proxy's admin port", () => {
  it("serves productpage's /config_dump, whose reviews routes follow the VirtualService within seconds", async () => {
    const custom = admin.makeApiClient(CustomObjectsApi);
    await custom.createNamespacedCustomObject({ ...VS, body: reviewsVs(90) });
    const forward = await forwardLocally(admin, "bookinfo", productpage, 15000);
    forwards.push(forward);
    const routes = await reviewsRoutes(forward.url);
    expect(routes.map((r) => r.name)).toEqual(["jason", "split"]);
    expect(routes[1]?.route?.weighted_clusters?.clusters.map((c) => c.weight)).toEqual([90, 10]);

    const current = z
      .object({ metadata: z.object({ resourceVersion: z.string() }) })
      .parse(await custom.getNamespacedCustomObject({ ...VS, name: "reviews" }));
    await custom.replaceNamespacedCustomObject({
      ...VS,
      name: "reviews",
      body: reviewsVs(40, current.metadata.resourceVersion),
    });
    await waitFor(
      async () => {
        const weights = (await reviewsRoutes(forward.url))[1]?.route?.weighted_clusters?.clusters.map((c) => c.weight);
        return weights?.[0] === 40 && weights[1] === 60 ? true : undefined;
      },
      "the new weights in the dump",
      5_000,
    );
  });

  it("writes kubelet's error on the error channel for a port nothing listens on, then closes", async () => {
    const errors: Buffer[] = [];
    const err = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        errors.push(chunk);
        callback();
      },
    });
    const ws = await new PortForward(admin).portForward(
      "bookinfo",
      productpage,
      [9080],
      new PassThrough(),
      err,
      new PassThrough(),
    );
    if (typeof ws === "function") throw new Error("asked for no retries, got a restartable socket");
    await waitFor(() => (ws.readyState === WebSocket.CLOSED ? true : undefined), "the WebSocket to close", 5_000);
    expect(Buffer.concat(errors).toString("utf8")).toMatch(
      /^error forwarding port 9080 to pod [0-9a-f]{64}, uid : .*failed to connect to localhost:9080 inside namespace .*connection refused/,
    );
  });

  it("is refused with kube's 403 to a user who may not port-forward", async () => {
    const bob = new KubeConfig();
    bob.loadFromFile(sim.kubeconfigPath);
    bob.setCurrentContext(userContext("bob"));
    await expect(
      new PortForward(bob).portForward("bookinfo", productpage, [15000], new PassThrough(), null, new PassThrough()),
    ).rejects.toThrow(/403/);

    const token = bob.getCurrentUser()?.token ?? "";
    const status = await new Promise<{ code: number; body: string }>((resolve, reject) => {
      const ws = new WebSocket(
        `${sim.url.replace("https", "wss")}/api/v1/namespaces/bookinfo/pods/${productpage}/portforward?ports=15000`,
        ["v4.channel.k8s.io"],
        {
          ca: sim.caPem,
          headers: { authorization: `Bearer ${token}` },
        },
      );
      ws.on("unexpected-response", (_req, res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
        res.on("end", () => resolve({ code: res.statusCode ?? 0, body }));
      });
      ws.on("open", () => reject(new Error("upgraded")));
    });
    expect(status.code).toBe(403);
    expect(JSON.parse(status.body)).toMatchObject({
      kind: "Status",
      reason: "Forbidden",
      message: `pods "${productpage}" is forbidden: User "bob" cannot create resource "pods/portforward" in API group "" in the namespace "bookinfo"`,
    });
  });

  it("answers 404 for a missing pod and 400 without ports", async () => {
    const token = admin.getCurrentUser()?.token ?? "";
    const attempt = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${sim.url.replace("https", "wss")}${path}`, ["v4.channel.k8s.io"], {
          ca: sim.caPem,
          headers: { authorization: `Bearer ${token}` },
        });
        ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.on("open", () => reject(new Error("upgraded")));
      });
    expect(await attempt("/api/v1/namespaces/bookinfo/pods/nope/portforward?ports=15000")).toBe(404);
    expect(await attempt(`/api/v1/namespaces/bookinfo/pods/${productpage}/portforward`)).toBe(400);
  });
});
