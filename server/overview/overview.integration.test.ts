/**
 * The Overview's cards against the simulator's mesh and a real Prometheus scraping it every
 * second: Bookinfo shows its requests; tcp-echo, whose services speak only TCP, shows its TCP
 * bytes instead of no traffic; istio-system is marked as the control plane. The route handler
 * is called as Next.js calls it.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/overview/route";
import { overviewSchema, type Overview } from "@/lib/contracts/overview";
import { startPrometheus, type RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import { stopClusterCaches } from "@/server/adapters/kube";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import { startSimulator, type RunningSimulator } from "@/sim/index";

const peak = (points: [number, number][]) => points.reduce((m, [, v]) => Math.max(m, v), 0);

describe("the Overview over a live mesh", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;
  let prometheus: RunningPrometheus;
  const savedPrometheusUrl = process.env.TOPSAIL_PROMETHEUS_URL;

  beforeAll(async () => {
    consoleEnv = await startConsoleOnSimulator("overview", (paths) =>
      startSimulator({
        port: 0,
        ...paths,
        metricsPort: 0,
        seed: 7,
        // Enough of each to show; the other entry points stay quiet to spare the shared CPUs.
        load: {
          "bookinfo-ingress": { requestsPerSecond: 5 },
          "tcp-client": { requestsPerSecond: 3 },
          fortio: { requestsPerSecond: 0, connections: 0 },
          synthetic: { requestsPerSecond: 0 },
          "grpc-client": { requestsPerSecond: 0 },
        },
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
    process.env.TOPSAIL_PROMETHEUS_URL = prometheus.url;
  });

  afterAll(async () => {
    if (savedPrometheusUrl === undefined) delete process.env.TOPSAIL_PROMETHEUS_URL;
    else process.env.TOPSAIL_PROMETHEUS_URL = savedPrometheusUrl;
    await prometheus?.stop();
    // The route's cluster caches watch the simulator: stopped before it goes away, not retrying after.
    await stopClusterCaches();
    await consoleEnv?.stop();
  });

  async function overview(): Promise<Overview> {
    const response = await GET(new Request("http://console/api/overview?namespaces=bookinfo,istio-system,tcp-echo"));
    const body: unknown = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    return overviewSchema.parse(body);
  }

  async function eventually(ready: (o: Overview) => boolean, timeoutMs: number): Promise<Overview> {
    const deadline = Date.now() + timeoutMs;
    let value = await overview();
    while (!ready(value) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2000));
      value = await overview();
    }
    return value;
  }

  it("shows tcp-echo's TCP bytes, Bookinfo's requests, and istio-system as the control plane", async () => {
    const card = (o: Overview, name: string) => o.namespaces.find((n) => n.name === name);
    const o = await eventually((o) => {
      const tcp = card(o, "tcp-echo");
      const bookinfo = card(o, "bookinfo");
      return !!tcp && !!bookinfo && peak(tcp.inboundTcpRate) > 0 && peak(bookinfo.inboundRate) > 0;
    }, 60_000);
    expect(o.metricsError).toBeUndefined();
    const tcpEcho = card(o, "tcp-echo");
    expect(peak(tcpEcho?.inboundTcpRate ?? [])).toBeGreaterThan(0);
    // The sample's services speak only TCP: without the TCP line the card would read "no traffic".
    expect(peak(tcpEcho?.inboundRate ?? [])).toBe(0);
    expect(peak(card(o, "bookinfo")?.inboundRate ?? [])).toBeGreaterThan(0);
    expect(o.namespaces.map((n) => [n.name, n.controlPlane])).toEqual([
      ["bookinfo", false],
      ["istio-system", true],
      ["tcp-echo", false],
    ]);
  }, 90_000);
});
