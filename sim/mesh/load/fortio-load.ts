/**
 * fortio, Istio's load client: a closed loop. Each of `connections` connections sends a
 * request, waits for its answer, then waits for its next slot (qps/connections each) or,
 * at qps 0, sends again at once — the `fortio load -c 3 -qps 0` of the circuit-breaking
 * task. Each call also costs fortio itself a few milliseconds (the task's own run reports
 * ~5 ms per call on average, against ~1 ms for httpbin to answer): that client-side time
 * is what spaces out a connection's retries after a 503 UO, and so sets the overflow share.
 */
import { resolveDnsName } from "@/lib/istio/routing/hosts";
import type { EntryPointLoad } from "./load-settings";
import type { GeneratorContext, LoadGenerator } from "./generator";

const CLIENT_OVERHEAD_MS = { median: 3, sigma: 0.3 };
const IDLE_RECHECK_MS = 500;

export class FortioLoad implements LoadGenerator {
  private generation = 0;
  private load: EntryPointLoad | undefined;

  constructor(private readonly g: GeneratorContext) {}

  apply(load: EntryPointLoad): void {
    this.load = load;
    const generation = ++this.generation;
    const connections = load.requestsPerSecond < 0 ? 0 : Math.max(0, Math.floor(load.connections));
    for (let i = 0; i < connections; i++) this.g.ctx.scheduler.after(0, () => this.loop(generation));
  }

  stop(): void {
    this.generation++;
  }

  private loop(generation: number): void {
    if (generation !== this.generation || !this.load) return;
    const { ctx } = this.g;
    const load = this.load;
    if (this.g.isPaused()) return void ctx.scheduler.after(IDLE_RECHECK_MS, () => this.loop(generation));
    const snapshot = ctx.snapshot();
    const pod = snapshot.pods.find((p) => p.ready && p.labels.app === "fortio");
    if (!pod) return void ctx.scheduler.after(IDLE_RECHECK_MS, () => this.loop(generation));
    const host = resolveDnsName("httpbin", pod.namespace);
    const port = snapshot.services.get(host)?.ports[0]?.port ?? 8000;
    const started = ctx.scheduler.now;
    ctx.sendHttp(
      { pod },
      // `fortio load http://httpbin:8000/get`, as Istio's circuit-breaking task runs it.
      {
        host,
        authority: `httpbin:${port}`,
        port,
        method: "GET",
        path: "/get",
        headers: { "user-agent": "fortio.org/fortio-1.66.0" },
      },
      () => {
        const interval =
          load.requestsPerSecond > 0 ? (1000 * Math.max(1, load.connections)) / load.requestsPerSecond : 0;
        const overhead = ctx.rng.logNormal(CLIENT_OVERHEAD_MS.median, CLIENT_OVERHEAD_MS.sigma);
        const wait = Math.max(overhead, started + interval - ctx.scheduler.now);
        ctx.scheduler.after(wait, () => this.loop(generation));
      },
    );
  }
}
