/**
 * A port-forward to one pod port, for one piece of work: a listener on 127.0.0.1 (an ephemeral port) whose every
 * accepted connection gets its own client-node `PortForward` WebSocket to
 * `/api/v1/namespaces/NS/pods/POD/portforward?ports=PORT`, the tunnel `kubectl port-forward` and Kiali use.
 *
 * Why this shape: the Envoy admin API listens on the pod's localhost only, so the API server's pod proxy
 * (`pods/POD:15000/proxy`) cannot reach it; a port-forward can. client-node forwards one WebSocket per byte
 * stream, so a local listener turns it into something plain `fetch` can talk HTTP to, and one socket per WebSocket
 * keeps each HTTP connection on its own stream pair as kubectl does. The WebSocket is opened with the given
 * connection, so the API server checks that person's `create pods/portforward`.
 */
import "server-only";
import { createServer, type Server, type Socket } from "node:net";
import { PassThrough } from "node:stream";
import { PortForward } from "@kubernetes/client-node";
import { KubeApiError, TopsailError } from "@/server/errors";
import type { KubeConnection } from "./kube-connection";

interface Tunnel {
  baseUrl: string;
  /** Rejects with the first failure of a forwarded connection (refused upgrade, error stream text). */
  failed: Promise<never>;
  close(): Promise<void>;
}

/** ws reports a refused upgrade only as "Unexpected server response: 403". */
function upgradeStatus(error: unknown): number | undefined {
  const message = error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? "");
  const status = /Unexpected server response: (\d{3})/.exec(message)?.[1];
  return status === undefined ? undefined : Number(status);
}

export function portForwardError(
  error: unknown,
  target: { namespace: string; pod: string; port: number; server: string },
): TopsailError {
  if (error instanceof TopsailError) return error;
  const status = upgradeStatus(error);
  const where = `pod ${target.namespace}/${target.pod}`;
  if (status === 403 || status === 401) {
    return new KubeApiError({
      status,
      reason: "Forbidden",
      namespace: target.namespace,
      message: `You may not port-forward to ${where}: reading from it needs the RBAC permission create pods/portforward in namespace ${target.namespace}.`,
      cause: error,
    });
  }
  if (status !== undefined) {
    return new KubeApiError({
      status,
      reason: status === 404 ? "NotFound" : "PortForwardRefused",
      namespace: target.namespace,
      message: `The Kubernetes API at ${target.server} refused the port-forward to ${where} (HTTP ${status}).`,
      cause: error,
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new TopsailError(
    "kube_unavailable",
    `Could not open a port-forward to ${where} through ${target.server}: ${detail}`,
    { cause: error },
  );
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address && typeof address === "object") resolve(address.port);
      else reject(new Error("the local listener has no port"));
    });
  });
}

async function openTunnel(connection: KubeConnection, namespace: string, pod: string, port: number): Promise<Tunnel> {
  const target = { namespace, pod, port, server: connection.server };
  const forward = new PortForward(connection.kubeConfig);
  const sockets = new Set<Socket>();
  const closers = new Set<() => void>();
  let fail: (error: TopsailError) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  // Nobody may be waiting when a late connection fails during close.
  failed.catch(() => {});

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // The API server writes why the pod's port could not be reached on the error stream.
    const errors = new PassThrough();
    let errorText = "";
    errors.on("data", (chunk: Buffer) => {
      errorText += chunk.toString("utf8");
      fail(
        new TopsailError(
          "proxy_unreachable",
          `The port-forward to pod ${namespace}/${pod} opened, but port ${port} in the pod did not answer: ${errorText.trim()}`,
        ),
      );
      socket.destroy();
    });
    forward
      .portForward(namespace, pod, [port], socket, errors, socket)
      .then((ws) => {
        if (typeof ws === "function") return;
        const close = () => ws.close();
        closers.add(close);
        ws.on("close", () => {
          closers.delete(close);
          socket.end();
        });
        socket.on("close", close);
      })
      .catch((error: unknown) => {
        fail(portForwardError(error, target));
        socket.destroy();
      });
  });
  const localPort = await listen(server);
  return {
    baseUrl: `http://127.0.0.1:${localPort}`,
    failed,
    async close() {
      for (const close of closers) close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Runs `work` with a base URL that reaches `port` of the pod, then closes the listener and every forwarded
 * connection. A failure of the tunnel wins over the error `work` sees (a fetch that failed because the tunnel did).
 */
export async function withPodPortForward<T>(
  connection: KubeConnection,
  target: { namespace: string; pod: string; port: number },
  work: (baseUrl: string) => Promise<T>,
): Promise<T> {
  const tunnel = await openTunnel(connection, target.namespace, target.pod, target.port);
  try {
    return await Promise.race([work(tunnel.baseUrl), tunnel.failed]);
  } catch (error) {
    // The fetch may fail first ("other side closed") while the tunnel's reason is a moment behind it.
    const reason = await Promise.race([
      tunnel.failed.catch((e: unknown) => e),
      new Promise((resolve) => setTimeout(resolve, 50, undefined)),
    ]);
    throw reason instanceof TopsailError ? reason : error;
  } finally {
    await tunnel.close();
  }
}
