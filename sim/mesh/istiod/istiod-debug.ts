/**
 * istiod's monitoring port (15014) inside its pod, served in-process as the proxies' admin API is
 * (sim/mesh/envoy/proxy-admin.ts): `connect(namespace, pod, port)` is kubelet's side of `pods/portforward`. Only
 * `GET /debug/syncz[?namespace=]` is served (syncz.ts). Real istiod answers its debug endpoints without
 * authentication only to loopback callers — which a port-forward's connection is, inside the pod.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { ConfigSnapshot } from "@/lib/istio/routing/snapshot";
import { duplexPair } from "../envoy/duplex-pair";
import type { ProxySync } from "./proxy-sync";
import { buildSyncz } from "./syncz";

export const ISTIOD_MONITORING_PORT = 15014;

export interface IstiodDebugOptions {
  snapshot: () => ConfigSnapshot;
  sync: ProxySync;
  now?: () => Date;
}

export interface IstiodDebug {
  connect(namespace: string, pod: string, port: number): Duplex | undefined;
  close(): void;
}

/** istiod's pods: `app: istiod` in the mesh's root namespace, as the default scenario and Istio's chart label them. */
function isIstiod(snapshot: ConfigSnapshot, namespace: string, pod: string): boolean {
  return snapshot.pods.some(
    (p) =>
      p.namespace === namespace && p.name === pod && namespace === snapshot.rootNamespace && p.labels.app === "istiod",
  );
}

export function startIstiodDebug(options: IstiodDebugOptions): IstiodDebug {
  const now = options.now ?? (() => new Date());
  const started = now();
  // istiod pushes when config changes: the first time a version is seen is its push time. Only the versions a
  // stale proxy may still name are needed; a few are kept.
  const pushes = new Map<number, Date>();
  const clock = {
    pushedAt(version: number): Date {
      let at = pushes.get(version);
      if (!at) {
        at = version === options.snapshot().version ? now() : started;
        pushes.set(version, at);
        if (pushes.size > 64) pushes.delete(pushes.keys().next().value as number);
      }
      return at;
    },
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/debug/syncz") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      return void res.end("404 page not found\n");
    }
    const namespace = url.searchParams.get("namespace") ?? undefined;
    const body = JSON.stringify(buildSyncz(options.snapshot(), options.sync, clock, namespace || undefined), null, 2);
    res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
    res.end(body);
  };
  const server = createServer(handle);
  server.keepAliveTimeout = 0;

  return {
    connect(namespace, pod, port) {
      if (port !== ISTIOD_MONITORING_PORT || !isIstiod(options.snapshot(), namespace, pod)) return undefined;
      const [client, serverEnd] = duplexPair();
      server.emit("connection", serverEnd);
      return client;
    },
    close() {
      server.close();
    },
  };
}
