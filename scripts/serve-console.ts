/**
 * The console's HTTP server (started by scripts/start-console.ts after the configuration is
 * checked): Next.js's production server behind Node's own http server, which does one thing
 * `next start` cannot — hand route handlers the TCP peer's address. Next.js keeps a client's
 * own `X-Forwarded-For`, so that header cannot say who connected; the header strategy must
 * know whether a request came from the trusted proxy (server/auth/proxy-addresses.ts), so
 * every request's `x-topsail-peer-address` is set here from the socket, overwriting whatever
 * the client sent.
 *
 * Usage: node --import tsx scripts/serve-console.ts <host> <port>
 */
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { peerAddressHeader } from "../server/auth/proxy-addresses";
import { consoleReadyLine } from "./console-ready";

const root = path.resolve(import.meta.dirname, "..");
const [host = "127.0.0.1", portText = "3000"] = process.argv.slice(2);
const port = Number(portText);

const app = next({ dev: false, dir: root, hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  request.headers[peerAddressHeader] = request.socket.remoteAddress ?? "";
  void handle(request, response);
});
server.listen(port, host, () => {
  console.log(consoleReadyLine(host, port));
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
