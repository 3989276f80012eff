/** Binds the request handler to an HTTPS listener on loopback; closing also ends open watches. */
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { createRequestHandler } from "./dispatch-request";
import type { ApiServerDeps } from "./request-context";
import { createUpgradeHandler } from "./serve-port-forward";

export interface ApiServerOptions extends ApiServerDeps {
  port: number;
  keyPem: string;
  certPem: string;
}

export interface RunningApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startApiServer(options: ApiServerOptions): Promise<RunningApiServer> {
  const server = createServer({ key: options.keyPem, cert: options.certPem }, createRequestHandler(options));
  // Watches are long-lived; keep-alive sockets must not hold a stop hostage.
  server.keepAliveTimeout = 5_000;
  // WebSocket upgrades: pods/portforward (serve-port-forward.ts).
  const upgrades = createUpgradeHandler(options);
  server.on("upgrade", upgrades.handle);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `https://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
            upgrades.closeAll();
          }),
      });
    });
  });
}
