/**
 * kubectl's typed clients (auth can-i, create deployment, ...) send bodies as Kubernetes
 * protobuf: the magic `k8s\0`, then a runtime.Unknown envelope whose `raw` field holds the
 * object's own message. The simulator reads the protobuf wire format for the kinds listed
 * in SCHEMAS (field numbers from k8s.io/api generated.proto) and turns them into JSON;
 * other kinds get 415 so the caller knows to send JSON. It is read by hand because no
 * protobuf library is among the dependencies and only a few flat kinds are needed: strings,
 * bytes, bools, string maps and nested messages.
 */
import { StatusError } from "./status-error";

export const PROTOBUF_CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/**
 * How one field reads: a string, bytes (JSON carries them base64, as Kubernetes' JSON does), a
 * bool, a map (repeated entry messages with key = 1 and value = 2, as protobuf encodes
 * `map<string, …>`), or a nested message.
 */
type FieldType = "string" | "bytes" | "bool" | { map: "string" | "bytes" } | Schema;

/** A message schema: field number → [JSON name, how it reads]. */
interface Schema {
  [field: number]: [string, FieldType];
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
/** What a client may set on create (k8s.io/apimachinery meta/v1 generated.proto); the rest is the server's. */
const OBJECT_META: Schema = {
  1: ["name", "string"],
  2: ["generateName", "string"],
  3: ["namespace", "string"],
  11: ["labels", { map: "string" }],
  12: ["annotations", { map: "string" }],
};

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
  // kubectl create secret tls|generic|docker-registry (k8s.io/api core/v1 generated.proto).
  "v1/Secret": {
    1: ["metadata", OBJECT_META],
    2: ["data", { map: "bytes" }],
    3: ["type", "string"],
    4: ["stringData", { map: "string" }],
    5: ["immutable", "bool"],
  },
  // kubectl create configmap.
  "v1/ConfigMap": {
    1: ["metadata", OBJECT_META],
    2: ["data", { map: "string" }],
    3: ["binaryData", { map: "bytes" }],
    4: ["immutable", "bool"],
  },
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

/** The fields of one message in wire order: varints as numbers, length-delimited ones as bytes. */
function fields(buf: Buffer): Map<number, (Buffer | number)[]> {
  const out = new Map<number, (Buffer | number)[]>();
  const reader = new Reader(buf);
  while (!reader.done()) {
    const tag = reader.varint();
    const field = Math.floor(tag / 8);
    const wireType = tag % 8;
    let value: Buffer | number;
    if (wireType === 2) value = reader.bytes();
    else if (wireType === 0) value = reader.varint();
    else {
      reader.skip(wireType);
      continue;
    }
    const list = out.get(field) ?? [];
    list.push(value);
    out.set(field, list);
  }
  return out;
}

function bytesOf(value: Buffer | number | undefined): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.alloc(0);
}

function decodeMap(entries: (Buffer | number)[], values: "string" | "bytes"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const parts = fields(bytesOf(entry));
    const key = bytesOf(parts.get(1)?.at(-1)).toString("utf8");
    const value = bytesOf(parts.get(2)?.at(-1));
    out[key] = values === "bytes" ? value.toString("base64") : value.toString("utf8");
  }
  return out;
}

function decodeMessage(buf: Buffer, schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, values] of fields(buf)) {
    const entry = schema[field];
    // A repeated non-map field would need all values; none of SCHEMAS has one, so the last wins.
    const value = values.at(-1);
    if (!entry || value === undefined) continue;
    const [name, type] = entry;
    // Go writes every non-pointer string, empty ones too; its JSON leaves them out (omitempty), so do we.
    if (type === "string") {
      const text = bytesOf(value).toString("utf8");
      if (text !== "") out[name] = text;
    } else if (type === "bytes") out[name] = bytesOf(value).toString("base64");
    else if (type === "bool") out[name] = value !== 0;
    else if ("map" in type && typeof type.map === "string") out[name] = decodeMap(values, type.map);
    else out[name] = decodeMessage(bytesOf(value), type as Schema);
  }
  return out;
}

export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC))
    throw new StatusError(400, "BadRequest", "protobuf body without the k8s magic prefix");
  const envelope = fields(body.subarray(MAGIC.length));
  const typeMeta = decodeMessage(bytesOf(envelope.get(1)?.[0]), {
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
  return { apiVersion, kind, ...decodeMessage(bytesOf(envelope.get(2)?.[0]), schema) };
}
