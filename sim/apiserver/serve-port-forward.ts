/**
 * `pods/portforward` over WebSocket, as kubelet serves it behind kube-apiserver
 * (pkg/kubelet/cri/streaming/portforward/websocket.go) and @kubernetes/client-node's
 * PortForward speaks it: subprotocol `v4.channel.k8s.io`, every message's first byte is
 * its channel; port i of `?ports=` has data channel 2i and error channel 2i+1, and the
 * server's first message on each is the port as 2 bytes little-endian. One WebSocket is one
 * TCP connection per port: bytes on the data channel go to `podPorts.connect(...)`, what
 * comes back goes out on the data channel. A port nothing listens on gets kubelet's error
 * text on its error channel; when every port's connection has ended, the WebSocket closes.
 */
import { createHash } from "node:crypto";
import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import {
  admitPortForward,
  PORT_FORWARD_PROTOCOLS,
  type PortForwardRejection,
  type PortForwardTarget,
} from "./port-forward-request";
import type { PodPorts } from "./pod-ports";
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

/**
 * Kubelet's (containerd's) refusal, naming the pod sandbox by a stable id derived from the
 * pod's uid; the `uid` slot is empty in what real clusters print, and so it is here.
 */
export function connectionRefusedText(target: PortForwardTarget, port: number): string {
  const sandbox = createHash("sha256")
    .update(`sandbox:${target.uid || target.namespace + "/" + target.pod}`)
    .digest("hex");
  const netns = `cni-${sandbox.slice(0, 8)}-${sandbox.slice(8, 12)}-${sandbox.slice(12, 16)}-${sandbox.slice(16, 20)}-${sandbox.slice(20, 32)}`;
  return (
    `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace ` +
    `"/var/run/netns/${netns}": failed to connect to localhost:${port} inside namespace "${sandbox}", ` +
    `IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused ` +
    `IPv6 dial tcp6 [::1]:${port}: connect: connection refused `
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

function forwardPorts(ws: WebSocket, target: PortForwardTarget, podPorts: PodPorts | undefined): void {
  const connections = new Map<number, Duplex>();
  let open = target.ports.length;
  const portDone = (): void => {
    open -= 1;
    if (open === 0 && ws.readyState === ws.OPEN) ws.close(1000);
  };
  target.ports.forEach((port, i) => {
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
  /** The API server's `upgrade` listener: port-forward WebSockets, and a Status for any other upgrade. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every open port-forward (upgraded sockets are no longer the HTTP server's to close). */
  closeAll(): void;
}

export function createUpgradeHandler(deps: ApiServerDeps): UpgradeHandler {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => PORT_FORWARD_PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  const handle = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on("error", () => socket.destroy());
    let admission;
    try {
      admission = admitPortForward(req, deps);
    } catch (err) {
      return rejectUpgrade(socket, { kind: "status", error: isStatusError(err) ? err : internalError(err) });
    }
    if (!admission.ok) return rejectUpgrade(socket, admission.rejection);
    const { target } = admission;
    // A client offering no subprotocol gets none back, which kubelet serves as binary v4 too.
    wss.handleUpgrade(req, socket, head, (ws) => forwardPorts(ws, target, deps.podPorts));
  };
  return {
    handle,
    closeAll: () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
