/**
 * kubectl's typed clients (auth can-i, create deployment, ...) send bodies as Kubernetes
 * protobuf: the magic `k8s\0`, then a runtime.Unknown envelope whose `raw` field holds the
 * object's own message. The simulator reads the protobuf wire format for the kinds listed
 * in SCHEMAS (field numbers from k8s.io/api generated.proto) and turns them into JSON;
 * other kinds get 415 so the caller knows to send JSON.
 */
import { StatusError } from "./status-error";

export const PROTOBUF_CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** A message schema: field number → [JSON name, nested schema or "string"]. */
interface Schema {
  [field: number]: [string, Schema | "string"];
}

const RESOURCE_ATTRIBUTES: Schema = {
  1: ["namespace", "string"],
  2: ["verb", "string"],
  3: ["group", "string"],
  4: ["version", "string"],
  5: ["resource", "string"],
  6: ["subresource", "string"],
  7: ["name", "string"],
};
const NON_RESOURCE_ATTRIBUTES: Schema = { 1: ["path", "string"], 2: ["verb", "string"] };
const OBJECT_META: Schema = { 1: ["name", "string"], 2: ["generateName", "string"], 3: ["namespace", "string"] };

const SCHEMAS: Record<string, Schema> = {
  "authorization.k8s.io/v1/SelfSubjectAccessReview": {
    1: ["metadata", OBJECT_META],
    2: [
      "spec",
      { 1: ["resourceAttributes", RESOURCE_ATTRIBUTES], 2: ["nonResourceAttributes", NON_RESOURCE_ATTRIBUTES] },
    ],
  },
  "authorization.k8s.io/v1/SelfSubjectRulesReview": {
    1: ["metadata", OBJECT_META],
    2: ["spec", { 1: ["namespace", "string"] }],
  },
  // kubectl auth whoami sends an empty review; its status (field 2) is the server's to fill.
  "authentication.k8s.io/v1/SelfSubjectReview": { 1: ["metadata", OBJECT_META] },
  "authentication.k8s.io/v1beta1/SelfSubjectReview": { 1: ["metadata", OBJECT_META] },
};

class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}
  done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.buf[this.pos++];
      if (byte === undefined) throw new StatusError(400, "BadRequest", "truncated protobuf body");
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  }
  bytes(): Buffer {
    const length = this.varint();
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 2) this.bytes();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 5) this.pos += 4;
    else throw new StatusError(400, "BadRequest", `unsupported protobuf wire type ${wireType}`);
  }
}

/** Length-delimited fields of one message, by field number. */
function fields(buf: Buffer): Map<number, Buffer[]> {
  const out = new Map<number, Buffer[]>();
  const reader = new Reader(buf);
  while (!reader.done()) {
    const tag = reader.varint();
    const field = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (wireType !== 2) {
      reader.skip(wireType);
      continue;
    }
    const list = out.get(field) ?? [];
    list.push(reader.bytes());
    out.set(field, list);
  }
  return out;
}

function decodeMessage(buf: Buffer, schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, values] of fields(buf)) {
    const entry = schema[field];
    const value = values[values.length - 1];
    if (!entry || !value) continue;
    const [name, nested] = entry;
    out[name] = nested === "string" ? value.toString("utf8") : decodeMessage(value, nested);
  }
  return out;
}

export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC))
    throw new StatusError(400, "BadRequest", "protobuf body without the k8s magic prefix");
  const envelope = fields(body.subarray(MAGIC.length));
  const typeMeta = decodeMessage(envelope.get(1)?.[0] ?? Buffer.alloc(0), {
    1: ["apiVersion", "string"],
    2: ["kind", "string"],
  });
  const apiVersion = String(typeMeta.apiVersion ?? "");
  const kind = String(typeMeta.kind ?? "");
  const schema = SCHEMAS[`${apiVersion}/${kind}`];
  if (!schema) {
    throw new StatusError(
      415,
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
    );
  }
  return { apiVersion, kind, ...decodeMessage(envelope.get(2)?.[0] ?? Buffer.alloc(0), schema) };
}
