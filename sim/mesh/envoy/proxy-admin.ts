/**
 * Envoy's admin API (127.0.0.1:15000 inside a proxy's pod), served in-process for every
 * simulated sidecar and gateway: `connect(namespace, pod, port)` is what kubelet's
 * port-forward does — dial localhost:port in the pod's network namespace — and returns one
 * end of an in-memory byte stream whose other end an HTTP/1.1 server (never listening on a
 * socket) reads, so a client through `pods/portforward` speaks real HTTP to it. Only port
 * 15000 of a pod with an Envoy answers; anything else is refused (undefined).
 *
 * Paths: `/config_dump[?include_eds]`, `/clusters[?format=json]`, `/server_info`, `/ready`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { ConfigSnapshot } from "@/lib/istio/routing/snapshot";
import { duplexPair } from "./duplex-pair";
import { clustersJson, clustersText } from "./clusters-text";
import { configDumpFor, ENVOY_VERSION, nodeOf } from "./config-dump";

export const ADMIN_PORT = 15000;

export interface ProxyAdminOptions {
  /** The routing snapshot traffic uses now (the engine's, or a ConfigWatcher's without one). */
  snapshot: () => ConfigSnapshot;
  now?: () => Date;
}

export interface ProxyAdmin {
  /** One TCP connection to a pod's port; undefined when nothing listens there. */
  connect(namespace: string, pod: string, port: number): Duplex | undefined;
  close(): void;
}

function send(res: ServerResponse, code: number, contentType: string, body: string): void {
  res.writeHead(code, { "content-type": contentType, "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
}

export function startProxyAdmin(options: ProxyAdminOptions): ProxyAdmin {
  const now = options.now ?? (() => new Date());
  const started = now();
  let pushed: { version: number; at: Date } | undefined;
  const podOfSocket = new WeakMap<object, { namespace: string; name: string }>();

  /** istiod pushes when config changes: the first read of a new snapshot version is its push time. */
  const pushedAt = (snapshot: ConfigSnapshot): Date => {
    if (!pushed || pushed.version !== snapshot.version) pushed = { version: snapshot.version, at: now() };
    return pushed.at;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const key = podOfSocket.get(req.socket);
    const snapshot = options.snapshot();
    const proxy = key && snapshot.pods.find((p) => p.namespace === key.namespace && p.name === key.name);
    // The pod went away while the connection was open: its Envoy is gone with it.
    if (!proxy) return void req.socket.destroy();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    switch (url.pathname) {
      case "/config_dump": {
        const dump = configDumpFor(snapshot, proxy, {
          pushedAt: pushedAt(snapshot),
          includeEds: url.searchParams.has("include_eds"),
        });
        return send(res, 200, "application/json", JSON.stringify(dump, null, 1));
      }
      case "/clusters":
        if (url.searchParams.get("format") === "json")
          return send(res, 200, "application/json", JSON.stringify(clustersJson(snapshot, proxy), null, 1));
        return send(res, 200, "text/plain; charset=UTF-8", clustersText(snapshot, proxy));
      case "/server_info": {
        const uptime = `${Math.floor((now().getTime() - started.getTime()) / 1000)}s`;
        const info = {
          version: ENVOY_VERSION,
          state: "LIVE",
          hot_restart_version: "disabled",
          command_line_options: { base_id: "0", concurrency: 2, config_path: "etc/istio/proxy/envoy-rev.json" },
          node: nodeOf(proxy),
          uptime_current_epoch: uptime,
          uptime_all_epochs: uptime,
        };
        return send(res, 200, "application/json", JSON.stringify(info, null, 1));
      }
      case "/ready":
        return send(res, 200, "text/plain; charset=UTF-8", "LIVE\n");
      default:
        return send(
          res,
          404,
          "text/plain; charset=UTF-8",
          "invalid path. admin commands are:\n  /clusters\n  /config_dump\n  /ready\n  /server_info\n",
        );
    }
  };
  const server = createServer(handle);
  // Envoy's admin listener keeps idle connections open; Node's 5 s default would close the
  // forwarded connection under a client's keep-alive pool, whose next request would be lost.
  server.keepAliveTimeout = 0;

  return {
    connect(namespace, name, port) {
      if (port !== ADMIN_PORT) return undefined;
      const pod = options.snapshot().pods.find((p) => p.namespace === namespace && p.name === name);
      if (!pod || !(pod.hasSidecar || pod.isGateway)) return undefined;
      const [client, serverEnd] = duplexPair();
      podOfSocket.set(serverEnd, { namespace, name });
      server.emit("connection", serverEnd);
      return client;
    },
    close() {
      server.close();
    },
  };
}
