/**
 * The ingress gateway on real local ports: what arrives on the HTTP port enters the traffic
 * engine at the gateway pod's container port 8080, and on the HTTPS port at 8443 after TLS
 * is terminated with the credential of the Gateway server the SNI selects
 * (select-tls-server.ts, gateway-credentials.ts). The request then goes exactly where a
 * simulated user's would (MeshEngine.sendAtIngress): Gateway + VirtualService routing,
 * faults, timeouts, telemetry and traces. The real response is written when the simulated
 * one arrives, so a fault delay of 2 s makes curl wait 2 s of wall-clock time.
 *
 * MUTUAL: Node asks every client for a certificate (it cannot ask per SNI), and a connection
 * whose server is MUTUAL is closed right after the handshake unless the client's certificate
 * verified against that server's CA — curl without `--cert` fails, as against Envoy.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { createSecureContext, type SecureContext, type TLSSocket } from "node:tls";
import type { StoreClient } from "../../store/types";
import type { MeshEngine } from "../engine/mesh-engine";
import type { HttpResponse } from "../engine/context";
import { INGRESS_PORT, INGRESS_TLS_PORT, ingressGatewayPod } from "../load/ingress-load";
import type { HttpRequest } from "@/lib/istio/routing/types";
import { loadCredential } from "./gateway-credentials";
import { localReplyBody } from "./local-replies";
import { selectTlsServer, type TlsServer } from "./select-tls-server";

export interface IngressListenerOptions {
  engine: MeshEngine;
  store: StoreClient;
  /** Real port for HTTP (0 = a free one); absent = not listening. */
  httpPort?: number;
  /** Real port for HTTPS (0 = a free one); absent = not listening. */
  httpsPort?: number;
  host?: "127.0.0.1";
}

export interface IngressListeners {
  /** `http://127.0.0.1:<port>`, when listening. */
  httpUrl?: string;
  httpsUrl?: string;
  close(): Promise<void>;
}

/** `httpbin.example.com:31380` → `httpbin.example.com`: gateway virtual hosts match any port. */
function hostOf(authority: string): string {
  return authority.replace(/:\d+$/, "").toLowerCase();
}

/** What the upstream's own answer looks like: go-httpbin's `/status/*` has no body, other paths a little JSON. */
function upstreamBody(request: HttpRequest, response: HttpResponse): string {
  if (request.path.startsWith("/status/") || response.status === 204 || response.status === 304) return "";
  return `${JSON.stringify({ url: `${request.scheme ?? "http"}://${request.authority ?? request.host}${request.path}` })}\n`;
}

function handle(engine: MeshEngine, containerPort: number, scheme: string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    const authority = req.headers.host ?? "";
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers[name] = value;
      else if (Array.isArray(value)) headers[name] = value.join(", ");
    }
    const request: HttpRequest = {
      host: hostOf(authority),
      authority,
      port: containerPort,
      method: req.method ?? "GET",
      path: req.url ?? "/",
      headers,
      scheme,
    };
    const sent = engine.sendAtIngress(containerPort, request, (response) => {
      if (response.status === 0 || res.destroyed) {
        res.destroy();
        return;
      }
      const body = localReplyBody(response.details) ?? upstreamBody(request, response);
      res.statusCode = response.status;
      res.setHeader("server", "istio-envoy");
      if (body !== "") res.setHeader("content-type", body.startsWith("{") ? "application/json" : "text/plain");
      res.setHeader("content-length", Buffer.byteLength(body));
      res.end(body);
    });
    // No gateway pod: nothing would listen on a real cluster's load balancer either.
    if (!sent) {
      res.destroy();
      return;
    }
    res.on("close", () => {
      if (!res.writableFinished) sent.cancel();
    });
  };
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(String((server.address() as AddressInfo).port));
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

export async function startIngressListeners(options: IngressListenerOptions): Promise<IngressListeners> {
  const { engine, store } = options;
  const host = options.host ?? "127.0.0.1";
  const servers: Server[] = [];
  const out: IngressListeners = { close: () => Promise.all(servers.map(close)).then(() => undefined) };
  try {
    if (options.httpPort !== undefined) {
      const server = createHttpServer(handle(engine, INGRESS_PORT, "http"));
      servers.push(server);
      out.httpUrl = `http://${host}:${await listen(server, options.httpPort, host)}`;
    }
    if (options.httpsPort !== undefined) {
      /** The server for this SNI, and the gateway pod's namespace, where its credential lives. */
      const tlsServerFor = (serverName: string | undefined): { tls: TlsServer; namespace: string } | undefined => {
        const snapshot = engine.snapshot();
        const pod = ingressGatewayPod(snapshot);
        const tls = pod && selectTlsServer(snapshot, pod, INGRESS_TLS_PORT, serverName);
        return pod && tls ? { tls, namespace: pod.namespace } : undefined;
      };
      const server = createHttpsServer(
        {
          requestCert: true,
          rejectUnauthorized: false,
          SNICallback: (serverName: string, cb: (err: Error | null, ctx?: SecureContext) => void) => {
            const chosen = tlsServerFor(serverName);
            if (!chosen) return cb(new Error(`no Gateway server for SNI ${serverName}`));
            const loaded = loadCredential(store, chosen.namespace, chosen.tls.credentialName, chosen.tls.mutual);
            if (!loaded.ok) return cb(new Error(loaded.reason));
            const { cert, key, ca } = loaded.credential;
            cb(null, createSecureContext({ cert, key, ...(ca ? { ca } : {}) }));
          },
        },
        handle(engine, INGRESS_TLS_PORT, "https"),
      );
      server.on("secureConnection", (socket: TLSSocket) => {
        const serverName = typeof socket.servername === "string" ? socket.servername : undefined;
        if (tlsServerFor(serverName)?.tls.mutual && !socket.authorized) socket.destroy();
      });
      servers.push(server);
      out.httpsUrl = `https://${host}:${await listen(server, options.httpsPort, host)}`;
    }
  } catch (error) {
    await out.close();
    throw error;
  }
  return out;
}
