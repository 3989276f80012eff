/**
 * Two cross-wired streams: what one end writes, the other reads (Node 20 has no stream.duplexPair).
 * The in-process servers behind `pods/portforward` (sim/mesh/envoy/proxy-admin.ts, sim/mesh/istiod/istiod-debug.ts)
 * hand one end to the API server and feed the other to an HTTP server that never listens on a socket.
 */
import { Duplex } from "node:stream";

export function duplexPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const make = (other: () => Duplex): Duplex =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        other().push(chunk);
        callback();
      },
      final(callback) {
        other().push(null);
        callback();
      },
      destroy(error, callback) {
        const peer = other();
        if (!peer.destroyed) peer.destroy();
        callback(error);
      },
    });
  ends.push(
    make(() => ends[1] as Duplex),
    make(() => ends[0] as Duplex),
  );
  return [ends[0] as Duplex, ends[1] as Duplex];
}
