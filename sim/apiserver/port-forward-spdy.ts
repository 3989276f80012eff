/**
 * `pods/portforward` over SPDY, as kubelet's httpStreamHandler serves it
 * (pkg/kubelet/cri/streaming/portforward/httpstream.go) and kubectl port-forward speaks it,
 * whether on a SPDY-upgraded socket or tunnelled through a WebSocket. Per forwarded
 * connection the client opens two streams with headers `streamtype: error|data`,
 * `port: N` and `requestid: R`; a stream with a missing or bad `port` or `streamtype` is
 * refused (RST_STREAM), any other is accepted (SYN_REPLY). When both streams of a request
 * id are open, the data stream is wired to `podPorts.connect(...)`; a port nothing listens
 * on gets kubelet's error text on the error stream. Either way both streams are then
 * half-closed (FIN) when the pod's side is done, as kubelet closes them.
 */
import type { Duplex } from "node:stream";
import { connectionRefusedText, type PodPorts } from "./pod-ports";
import type { PortForwardTarget } from "./port-forward-request";
import { serveSpdy, type SpdySession, type SpdyStream } from "./spdy-session";

interface StreamPair {
  data?: SpdyStream;
  error?: SpdyStream;
}

/** kubelet's httpStreamReceived: why a new stream is refused, or undefined to accept it. */
function refusal(stream: SpdyStream): string | undefined {
  const port = stream.headers.get("port");
  if (!port) return `"port" header is required`;
  if (!/^\d+$/.test(port) || Number(port) > 65535) return `unable to parse "${port}" as a port`;
  if (Number(port) < 1) return `port "${port}" must be > 0`;
  const type = stream.headers.get("streamtype");
  if (!type) return `"streamtype" header is required`;
  if (type !== "error" && type !== "data") return `invalid stream type "${type}"`;
  return undefined;
}

/**
 * The request id pairing a data and an error stream. Clients older than the `requestid`
 * header open the pair as consecutive odd ids, which kubelet maps onto the error stream's id.
 */
function requestIdOf(stream: SpdyStream): string {
  return (
    stream.headers.get("requestid") ?? String(stream.headers.get("streamtype") === "data" ? stream.id - 2 : stream.id)
  );
}

function endStream(stream: SpdyStream, text?: string): void {
  if (stream.writableEnded || stream.destroyed) return;
  if (text) stream.end(text);
  else stream.end();
}

function forward(pair: Required<StreamPair>, target: PortForwardTarget, podPorts: PodPorts | undefined): void {
  const port = Number(pair.data.headers.get("port"));
  const connection: Duplex | undefined = podPorts?.connect(target.namespace, target.pod, port);
  if (!connection) {
    endStream(pair.error, connectionRefusedText(target, port));
    endStream(pair.data);
    return;
  }
  // The client's FIN on the data stream ends the write side towards the pod, as io.Copy's EOF does in kubelet.
  pair.data.pipe(connection);
  connection.on("data", (chunk: Buffer) => {
    if (!pair.data.writableEnded && !pair.data.destroyed) pair.data.write(chunk);
  });
  connection.once("end", () => connection.destroy());
  connection.on("error", () => connection.destroy());
  connection.once("close", () => {
    endStream(pair.data);
    endStream(pair.error);
  });
  // A reset stream or a dropped session: nothing is left to carry the pod's bytes.
  pair.data.once("close", () => connection.destroy());
}

/** Serves port-forward streams on a SPDY connection (`socket` is the upgraded socket, or the tunnel's byte stream). */
export function forwardSpdyStreams(
  socket: Duplex,
  head: Buffer,
  target: PortForwardTarget,
  podPorts: PodPorts | undefined,
): SpdySession {
  const pairs = new Map<string, StreamPair>();
  return serveSpdy(socket, head, (stream) => {
    if (refusal(stream) !== undefined) return stream.reset();
    stream.reply();
    const requestId = requestIdOf(stream);
    const pair = pairs.get(requestId) ?? {};
    const type = stream.headers.get("streamtype") === "data" ? "data" : "error";
    if (pair[type]) {
      // kubelet reports this on the pair's error stream; the stray stream is reset rather than left open.
      if (pair.error && !pair.error.writableEnded)
        pair.error.write(`error processing stream for request ${requestId}: ${type} stream already assigned`);
      return stream.reset();
    }
    pair[type] = stream;
    pairs.set(requestId, pair);
    const { data, error } = pair;
    if (data && error) {
      pairs.delete(requestId);
      forward({ data, error }, target, podPorts);
    }
  });
}
