/**
 * The tcp-echo task's client: new connections to tcp-echo:9000 as Poisson arrivals, each
 * sending a short line and reading the echo back. The client is the `curl` pod next to
 * tcp-echo when there is one (inside the mesh), else a client outside the cluster.
 */
import { PoissonLoad } from "./poisson-source";
import { openTcpConnection } from "../engine/tcp-connection";

const TCP_ECHO_PORT = 9000;

export class TcpClientLoad extends PoissonLoad {
  protected arrive(): void {
    const { ctx } = this.g;
    const snapshot = ctx.snapshot();
    const service = [...snapshot.services.values()].find((s) => s.name === "tcp-echo");
    if (!service) return;
    const client = snapshot.pods.find((p) => p.ready && p.namespace === service.namespace && p.labels.app === "curl");
    const port = service.ports.find((p) => p.port === TCP_ECHO_PORT)?.port ?? service.ports[0]?.port ?? TCP_ECHO_PORT;
    openTcpConnection(ctx, client, service.fqdn, port, 10 + ctx.rng.int(50));
  }
}
