/**
 * The API server's upgrades: `pods/portforward` over SPDY (port-forward-spdy.ts) — on a
 * `SPDY/3.1` upgrade, or tunnelled through a WebSocket whose binary messages carry the SPDY
 * bytes — and over WebSocket channels, below.
 *
 * `pods/portforward` over WebSocket channels, as kubelet serves it behind kube-apiserver
 * (pkg/kubelet/cri/streaming/portforward/websocket.go) and @kubernetes/client-node's
 * PortForward speaks it: subprotocol `v4.channel.k8s.io`, every message's first byte is
 * its channel; port i of `?ports=` has data channel 2i and error channel 2i+1, and the
 * server's first message on each is the port as 2 bytes little-endian. One WebSocket is one
 * TCP connection per port: bytes on the data channel go to `podPorts.connect(...)`, what
 * comes back goes out on the data channel. A port nothing listens on gets kubelet's error
 * text on its error channel; when every port's connection has ended, the WebSocket closes.
 */
import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { createWebSocketStream, WebSocketServer, type RawData, type WebSocket } from "ws";
import { connectionRefusedText, type PodPorts } from "./pod-ports";
import {
  admitPortForward,
  PORT_FORWARD_PROTOCOLS,
  SPDY_TUNNEL_PROTOCOL,
  type PortForwardRejection,
  type PortForwardTarget,
} from "./port-forward-request";
import { forwardSpdyStreams } from "./port-forward-spdy";
import type { ApiServerDeps } from "./request-context";
import { internalError, isStatusError } from "./status-error";

function rejectUpgrade(socket: Duplex, rejection: PortForwardRejection): void {
  const [code, contentType, body] =
    rejection.kind === "status"
      ? [rejection.error.code, "application/json", JSON.stringify(rejection.error.status)]
      : [rejection.code, "text/plain; charset=utf-8", `${rejection.text}\n`];
  socket.end(
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ""}\r\n` +
      `Content-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function frame(channel: number, payload: Buffer | string): Buffer {
  const body = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
  return Buffer.concat([Buffer.from([channel]), body]);
}

function portPrefix(port: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16LE(port, 0);
  return bytes;
}

function forwardPorts(ws: WebSocket, target: PortForwardTarget, ports: number[], podPorts: PodPorts | undefined): void {
  const connections = new Map<number, Duplex>();
  let open = ports.length;
  const portDone = (): void => {
    open -= 1;
    if (open === 0 && ws.readyState === ws.OPEN) ws.close(1000);
  };
  ports.forEach((port, i) => {
    ws.send(frame(2 * i, portPrefix(port)));
    ws.send(frame(2 * i + 1, portPrefix(port)));
    const connection = podPorts?.connect(target.namespace, target.pod, port);
    if (!connection) {
      ws.send(frame(2 * i + 1, connectionRefusedText(target, port)));
      portDone();
      return;
    }
    connections.set(2 * i, connection);
    connection.on("data", (chunk: Buffer) => {
      if (ws.readyState === ws.OPEN) ws.send(frame(2 * i, chunk));
    });
    connection.once("close", portDone);
    connection.once("end", () => connection.destroy());
    connection.on("error", () => connection.destroy());
  });
  ws.on("message", (data: RawData, isBinary: boolean) => {
    if (!isBinary) return;
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    const connection = connections.get(bytes[0] ?? -1);
    // Client bytes on an error channel, or for a refused port, have nowhere to go (kubelet drops them too).
    if (connection && !connection.destroyed) connection.write(bytes.subarray(1));
  });
  ws.on("close", () => {
    for (const connection of connections.values()) connection.destroy();
  });
  ws.on("error", () => ws.terminate());
}

export interface UpgradeHandler {
  /** The API server's `upgrade` listener: port-forwards (SPDY, SPDY in WebSocket, channels), else a refusal. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every open port-forward (upgraded sockets are no longer the HTTP server's to close). */
  closeAll(): void;
}

/** The 101 kubelet's spdy.UpgradeResponse writes, with httpstream.Handshake's negotiated protocol. */
const SPDY_SWITCHING_PROTOCOLS =
  "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n" +
  "X-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n";

/**
 * ws refuses `SPDY/3.1+portforward.k8s.io` as an offered subprotocol ("/" is not a token
 * character, so "Invalid Sec-WebSocket-Protocol header"), which gorilla/websocket — client-go
 * and kube-apiserver — accepts. A tunnel's request reaches ws offering this stand-in instead,
 * and the answer names the real protocol, which is what the client checks.
 */
const TUNNEL_STAND_IN = "tunneled-spdy";

export function createUpgradeHandler(deps: ApiServerDeps): UpgradeHandler {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) =>
      offered.has(TUNNEL_STAND_IN)
        ? SPDY_TUNNEL_PROTOCOL
        : (PORT_FORWARD_PROTOCOLS.find((p) => offered.has(p)) ?? false),
  });
  const spdySockets = new Set<Duplex>();
  const serveSpdyOn = (socket: Duplex, head: Buffer, target: PortForwardTarget): void => {
    spdySockets.add(socket);
    socket.once("close", () => spdySockets.delete(socket));
    forwardSpdyStreams(socket, head, target, deps.podPorts);
  };
  const handle = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on("error", () => socket.destroy());
    let admission;
    try {
      admission = admitPortForward(req, deps);
    } catch (err) {
      return rejectUpgrade(socket, { kind: "status", error: isStatusError(err) ? err : internalError(err) });
    }
    if (!admission.ok) return rejectUpgrade(socket, admission.rejection);
    const { target, transport } = admission;
    if (transport.kind === "spdy") {
      socket.write(SPDY_SWITCHING_PROTOCOLS);
      return serveSpdyOn(socket, head, target);
    }
    if (transport.kind === "tunneled-spdy") req.headers["sec-websocket-protocol"] = TUNNEL_STAND_IN;
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A client offering no subprotocol gets none back, which kubelet serves as binary v4 too.
      if (transport.kind === "channels") return forwardPorts(ws, target, transport.ports, deps.podPorts);
      serveSpdyOn(createWebSocketStream(ws), Buffer.alloc(0), target);
    });
  };
  return {
    handle,
    closeAll: () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      for (const socket of spdySockets) socket.destroy();
    },
  };
}
