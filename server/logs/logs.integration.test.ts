/**
 * Issue 18, logs against the simulator: `pods/log` as kube-apiserver serves it (containers
 * the app's and `istio-proxy`, init `istio-init`), read through the routes a browser calls.
 * The simulator runs its traffic engine, so the proxies have written access lines.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { GET as edgeLogsGet } from "@/app/api/logs/edge/route";
import { GET as followGet } from "@/app/api/logs/workloads/[namespace]/[workload]/follow/route";
import { GET as workloadLogsGet } from "@/app/api/logs/workloads/[namespace]/[workload]/route";
import { edgeLogsSchema, followEventSchema, workloadLogsSchema } from "@/lib/contracts/logs";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";

const origin = "http://localhost:3000";
const params = (namespace: string, workload: string) => ({ params: Promise.resolve({ namespace, workload }) });

async function workloadLogs(workload: string, query = "") {
  return workloadLogsGet(
    new Request(`${origin}/api/logs/workloads/bookinfo/${workload}?${query}`),
    params("bookinfo", workload),
  );
}

/** Waits until the simulator's traffic has written access lines for the workload's proxy. */
async function accessLinesOf(workload: string, query = "container=istio-proxy") {
  for (let i = 0; i < 40; i++) {
    const response = await workloadLogs(workload, query);
    if (response.status === 200) {
      const body = workloadLogsSchema.parse(await response.json());
      if (body.lines.some((l) => l.access)) return body;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no access lines for ${workload}`);
}

describe("logs of the simulated Bookinfo", () => {
  let console_: ConsoleOnSimulator<RunningSimulator>;

  beforeAll(async () => {
    console_ = await startConsoleOnSimulator("logs", (paths) => startSimulator({ port: 0, metricsPort: 0, ...paths }));
  }, 60_000);

  afterAll(async () => {
    await console_?.stop();
  });

  it("shows productpage's istio-proxy access lines parsed: outbound to reviews, with request ids", async () => {
    const body = await accessLinesOf("productpage-v1");
    const toReviews = body.lines.filter(
      (l) => l.access?.upstreamCluster?.serviceHost === "reviews.bookinfo.svc.cluster.local",
    );
    expect(toReviews.length).toBeGreaterThan(0);
    expect(toReviews[0]?.access).toMatchObject({ direction: "outbound", method: "GET" });
    expect(toReviews[0]?.access?.requestId).toMatch(/\S/);
    expect(body.containers).toEqual(["istio-proxy"]);
  }, 30_000);

  it("merges the app container and istio-proxy by time when no container is named", async () => {
    const body = workloadLogsSchema.parse(await (await workloadLogs("reviews-v2")).json());
    expect(body.containers).toContain("istio-proxy");
    expect(body.containers.length).toBeGreaterThan(1);
    const times = body.lines.map((l) => l.time);
    expect(times).toEqual([...times].sort());
  }, 30_000);

  it("answers 404 for a pod that is not the workload's, and 400 naming the containers for an unknown container", async () => {
    expect((await workloadLogs("reviews-v2", "pod=reviews-v2-gone")).status).toBe(404);
    const bad = await workloadLogs("reviews-v2", "container=nope");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/istio-proxy/);
  });

  it("follows istio-proxy as NDJSON and stops reading when the client goes away", async () => {
    const client = new AbortController();
    const response = await followGet(
      new Request(`${origin}/api/logs/workloads/bookinfo/productpage-v1/follow?container=istio-proxy&tailLines=5`, {
        signal: client.signal,
      }),
      params("bookinfo", "productpage-v1"),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/ndjson/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    const first = followEventSchema.parse(JSON.parse(text.split("\n")[0]!));
    expect(first.type).toBe("line");
    client.abort();
    await reader.cancel();
  }, 30_000);

  it("an edge productpage-v1 → reviews: the source proxy's outbound lines to reviews, and reviews' inbound lines", async () => {
    await accessLinesOf("productpage-v1");
    const response = await edgeLogsGet(
      new Request(
        `${origin}/api/logs/edge?sourceNamespace=bookinfo&sourceWorkload=productpage-v1&destNamespace=bookinfo&destService=reviews`,
      ),
    );
    expect(response.status).toBe(200);
    const body = edgeLogsSchema.parse(await response.json());
    expect(body.destHosts).toEqual(["reviews.bookinfo.svc.cluster.local"]);
    expect(body.lines.some((l) => l.side === "source" && l.access.direction === "outbound")).toBe(true);
    expect(body.lines.some((l) => l.side === "dest" && l.access.direction === "inbound")).toBe(true);
  }, 30_000);
});
