/**
 * The tcp-echo task's client: new connections to tcp-echo:9000 as Poisson arrivals, each
 * sending a short line and reading the echo back. The client is the `curl` pod next to
 * tcp-echo when there is one (inside the mesh), else a client outside the cluster.
 */
import type { EntryPointLoad } from "./load-settings";
import type { GeneratorContext, LoadGenerator } from "./generator";
import { PoissonSource } from "./poisson-source";
import { openTcpConnection } from "../engine/tcp-connection";

const TCP_ECHO_PORT = 9000;

export class TcpClientLoad implements LoadGenerator {
  private readonly source: PoissonSource;

  constructor(private readonly g: GeneratorContext) {
    this.source = new PoissonSource(g.ctx.scheduler, g.ctx.rng, () => this.arrive());
  }

  apply(load: EntryPointLoad): void {
    this.source.setRate(load.requestsPerSecond);
  }

  stop(): void {
    this.source.stop();
  }

  private arrive(): void {
    if (this.g.isPaused()) return;
    const { ctx } = this.g;
    const snapshot = ctx.snapshot();
    const service = [...snapshot.services.values()].find((s) => s.name === "tcp-echo");
    if (!service) return;
    const client = snapshot.pods.find((p) => p.ready && p.namespace === service.namespace && p.labels.app === "curl");
    const port = service.ports.find((p) => p.port === TCP_ECHO_PORT)?.port ?? service.ports[0]?.port ?? TCP_ECHO_PORT;
    openTcpConnection(ctx, client, service.fqdn, port, 10 + ctx.rng.int(50));
  }
}
