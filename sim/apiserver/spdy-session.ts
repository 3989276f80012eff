/**
 * The server half of SPDY/3.1 on an upgraded connection, as much of it as kubectl's
 * port-forward (client-go over moby/spdystream) uses: the client opens streams with
 * SYN_STREAM, the server accepts each with SYN_REPLY (or refuses it with RST_STREAM), both
 * sides send DATA and half-close with FIN; PINGs are echoed, GOAWAY ends the connection,
 * SETTINGS and WINDOW_UPDATE are read and ignored.
 *
 * Why not spdy-transport's Connection (the package is used here only for its SPDY/3
 * dictionary): its parser refuses any SYN_STREAM without `:method` and `:path` ("Missing
 * `:method` and/or `:path` header", seen against kubectl 1.32), and kubectl's streams carry
 * only `streamtype`, `port` and `requestid`; it also holds DATA once a stream's 64 KiB send
 * window is spent, until a WINDOW_UPDATE that spdystream never sends. kubelet's spdystream
 * does no flow control, so neither does this.
 *
 * Wire format (SPDY/3): a control frame is 0x8003, a 16-bit type, 8 bits of flags and a
 * 24-bit length; a DATA frame is a 31-bit stream id, flags, length. Header blocks are
 * name/value pairs (32-bit count, 32-bit lengths), compressed by one zlib stream per
 * direction for the whole connection, primed with the SPDY/3 dictionary and sync-flushed
 * after each block — so blocks must be (de)compressed strictly in order, which is why every
 * frame in and out goes through a promise chain.
 */
import { Duplex } from "node:stream";
import { constants as zlib, createDeflate, createInflate, type Deflate, type Inflate } from "node:zlib";
import spdyTransport from "spdy-transport";

const VERSION = 3;
const SYN_STREAM = 1;
const SYN_REPLY = 2;
const RST_STREAM = 3;
const PING = 6;
const GOAWAY = 7;
const HEADERS = 8;
const FLAG_FIN = 0x01;
/** RST_STREAM status codes used here. */
const PROTOCOL_ERROR = 1;
const CANCEL = 5;
/** DATA frames can carry 16 MiB; smaller ones keep one busy stream from delaying the others' frames. */
const MAX_DATA = 64 * 1024;
const DICTIONARY = spdyTransport.protocol.spdy.dictionary[VERSION];

function controlFrame(type: number, flags: number, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | VERSION, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt8(flags, 4);
  head.writeUIntBE(body.length, 5, 3);
  return Buffer.concat([head, body]);
}

function dataFrame(id: number, flags: number, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(id & 0x7fffffff, 0);
  head.writeUInt8(flags, 4);
  head.writeUIntBE(data.length, 5, 3);
  return Buffer.concat([head, data]);
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0, 0);
  return bytes;
}

/** A header block's name/value pairs; a value holding several NUL-separated values keeps them joined by ", ". */
function parseHeaderBlock(block: Buffer): Map<string, string> {
  const headers = new Map<string, string>();
  let offset = 4;
  const read = (): string => {
    const length = block.readUInt32BE(offset);
    if (offset + 4 + length > block.length) throw new RangeError("header block truncated");
    offset += 4 + length;
    return block.toString("utf8", offset - length, offset);
  };
  for (let count = block.readUInt32BE(0); count > 0; count--) {
    const name = read().toLowerCase();
    headers.set(name, read().split("\0").join(", "));
  }
  return headers;
}

/** One direction's zlib stream: each block in, the sync-flushed bytes out, one block at a time. */
function headerCodec(zstream: Deflate | Inflate): (block: Buffer) => Promise<Buffer> {
  let last: Promise<unknown> = Promise.resolve();
  return (block) => {
    const next = last.then(
      () =>
        new Promise<Buffer>((resolve, reject) => {
          zstream.write(block, (err) => {
            if (err) return reject(err);
            const out: Buffer[] = [];
            for (let chunk: unknown = zstream.read(); chunk !== null; chunk = zstream.read())
              if (Buffer.isBuffer(chunk)) out.push(chunk);
            resolve(Buffer.concat(out));
          });
        }),
    );
    last = next.catch(() => undefined);
    return next;
  };
}

/** One SPDY stream as a Duplex: what the peer sends is read, what is written goes out as DATA; end() sends FIN. */
export class SpdyStream extends Duplex {
  private localFin = false;
  private remoteFin = false;
  private resetByPeer = false;

  constructor(
    private readonly session: SpdySession,
    readonly id: number,
    /** The SYN_STREAM's headers, names lowercased. */
    readonly headers: ReadonlyMap<string, string>,
  ) {
    super();
  }

  /** Accepts the stream (SYN_REPLY with no headers, as kubelet's spdystream replies). */
  reply(): void {
    this.session.send(this.session.synReply(this.id));
  }

  /** Refuses or abandons the stream (RST_STREAM CANCEL, as spdystream's Reset). */
  reset(): void {
    this.destroy();
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (chunk.length === 0) return callback();
    for (let offset = 0; offset < chunk.length; offset += MAX_DATA) {
      const last = offset + MAX_DATA >= chunk.length;
      this.session.send(dataFrame(this.id, 0, chunk.subarray(offset, offset + MAX_DATA)), last ? callback : undefined);
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.localFin = true;
    this.session.send(dataFrame(this.id, FLAG_FIN, Buffer.alloc(0)), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!(this.localFin && this.remoteFin) && !this.resetByPeer && !this.session.closed)
      this.session.send(controlFrame(RST_STREAM, 0, Buffer.concat([uint32(this.id), uint32(CANCEL)])));
    this.session.forget(this.id);
    callback(error);
  }

  /** DATA from the peer; FIN half-closes its side. */
  receive(data: Buffer, fin: boolean): void {
    if (this.remoteFin) return;
    if (data.length > 0) this.push(data);
    if (fin) {
      this.remoteFin = true;
      this.push(null);
    }
  }

  /** RST_STREAM from the peer: the stream is gone both ways. */
  resetFromPeer(): void {
    this.resetByPeer = true;
    this.destroy();
  }
}

export class SpdySession {
  private buffered: Buffer = Buffer.alloc(0);
  private inbound: Promise<void> = Promise.resolve();
  private outbound: Promise<void> = Promise.resolve();
  private readonly streams = new Map<number, SpdyStream>();
  private readonly zstreams = {
    in: createInflate({ dictionary: DICTIONARY, flush: zlib.Z_SYNC_FLUSH }),
    out: createDeflate({ dictionary: DICTIONARY, flush: zlib.Z_SYNC_FLUSH }),
  };
  private readonly inflate = headerCodec(this.zstreams.in);
  private readonly deflate = headerCodec(this.zstreams.out);
  closed = false;

  constructor(
    private readonly socket: Duplex,
    private readonly onStream: (stream: SpdyStream) => void,
  ) {
    socket.on("data", (chunk: Buffer) => this.onBytes(chunk));
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      this.closed = true;
      for (const stream of [...this.streams.values()]) stream.destroy();
      this.zstreams.in.close();
      this.zstreams.out.close();
    });
  }

  /** Ends the connection and every stream on it. */
  close(): void {
    this.socket.destroy();
  }

  /** Queues a frame (or one still being compressed) behind every frame queued before it. */
  send(frame: Buffer | Promise<Buffer>, written?: (error?: Error | null) => void): void {
    this.outbound = this.outbound.then(async () => {
      const bytes = await frame;
      if (this.socket.writable) this.socket.write(bytes, () => written?.());
      else written?.();
    });
    this.outbound = this.outbound.catch(() => this.close());
  }

  synReply(id: number): Promise<Buffer> {
    return this.deflate(uint32(0)).then((block) => controlFrame(SYN_REPLY, 0, Buffer.concat([uint32(id), block])));
  }

  forget(id: number): void {
    this.streams.delete(id);
  }

  onBytes(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 8) {
      const length = this.buffered.readUIntBE(5, 3);
      if (this.buffered.length < 8 + length) return;
      const frame = this.buffered.subarray(0, 8 + length);
      this.buffered = this.buffered.subarray(8 + length);
      this.inbound = this.inbound.then(() => this.handle(frame)).catch(() => this.close());
    }
  }

  private async handle(frame: Buffer): Promise<void> {
    const flags = frame.readUInt8(4);
    const body = frame.subarray(8);
    if ((frame.readUInt8(0) & 0x80) === 0) {
      this.streams.get(frame.readUInt32BE(0) & 0x7fffffff)?.receive(body, (flags & FLAG_FIN) !== 0);
      return;
    }
    if ((frame.readUInt16BE(0) & 0x7fff) !== VERSION) throw new Error("not SPDY/3");
    const type = frame.readUInt16BE(2);
    if (type === SYN_STREAM) return this.open(body.readUInt32BE(0) & 0x7fffffff, flags, body.subarray(10));
    // Every header block goes through the shared zlib stream, even one whose headers are not needed.
    if (type === SYN_REPLY || type === HEADERS) await this.inflate(body.subarray(4));
    else if (type === RST_STREAM) this.streams.get(body.readUInt32BE(0) & 0x7fffffff)?.resetFromPeer();
    // Client pings have odd ids; the reply is the same frame.
    else if (type === PING && (body.readUInt32BE(0) & 1) === 1) this.send(frame);
    else if (type === GOAWAY) this.close();
  }

  private async open(id: number, flags: number, compressed: Buffer): Promise<void> {
    const headers = parseHeaderBlock(await this.inflate(compressed));
    if (id % 2 === 0 || this.streams.has(id)) {
      this.send(controlFrame(RST_STREAM, 0, Buffer.concat([uint32(id), uint32(PROTOCOL_ERROR)])));
      return;
    }
    const stream = new SpdyStream(this, id, headers);
    stream.on("error", () => stream.destroy());
    this.streams.set(id, stream);
    if ((flags & FLAG_FIN) !== 0) stream.receive(Buffer.alloc(0), true);
    this.onStream(stream);
  }
}

/** Serves SPDY/3.1 on an upgraded socket or a WebSocket tunnel's bytes; `head` is what came with the upgrade. */
export function serveSpdy(socket: Duplex, head: Buffer, onStream: (stream: SpdyStream) => void): SpdySession {
  const session = new SpdySession(socket, onStream);
  if (head.length > 0) session.onBytes(head);
  return session;
}
