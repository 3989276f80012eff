/**
 * Telemetry samples reshaped into rows the graph steps share: who called whom, through which
 * service, with what outcome, at what rate. Label names stop here.
 */
import "server-only";
import type { Protocol } from "@/lib/contracts/graph";
import type { PromSample } from "./graph-sources";

export const UNKNOWN = "unknown";

export interface Peer {
  cluster: string;
  namespace: string;
  workload: string;
  /** Canonical service. */
  app: string;
  /** Canonical revision; "latest" when the workload has none. */
  version: string;
}

export interface DestService {
  /** destination_service: the FQDN, or an external host. */
  host: string;
  name: string;
  namespace: string;
}

/**
 * A number from RowReader (interned peer and service numbers packed together: Map lookups
 * on numbers hash nothing), or workloadEdgeKey's string for rows built by hand in tests.
 * One build never mixes the two.
 */
export type EdgeKey = number | string;

export interface TrafficRow {
  /** Identifies the row's workload-level edge, computed once: every step groups by it. */
  edgeKey: EdgeKey;
  reporter: "source" | "destination";
  source: Peer;
  dest: Peer;
  destService: DestService;
  protocol: Protocol;
  /** HTTP response code; "0" when no response was sent; "" for TCP. */
  code: string;
  grpcStatus: string;
  /** Envoy response flags, "-" when none. */
  flags: string;
  /** "mutual_tls" | "none" on destination-reported rows, "unknown" elsewhere. */
  security: string;
  /** Requests/s, or bytes/s for TCP. */
  rate: number;
}

/** A response time sample on a workload-level edge. */
export interface ResponseTimeRow {
  edgeKey: EdgeKey;
  reporter: "source" | "destination";
  source: Peer;
  dest: Peer;
  destService: DestService;
  protocol: Protocol;
  ms: number;
}

const label = (labels: Record<string, string>, name: string, fallback = UNKNOWN): string => {
  const v = labels[name];
  return v === undefined || v === "" ? fallback : v;
};

/** Label names per side, spelled out once rather than concatenated per sample. */
const peerLabelNames = {
  source: { cluster: "source_cluster", namespace: "source_workload_namespace", workload: "source_workload", app: "source_canonical_service", version: "source_canonical_revision" },
  destination: { cluster: "destination_cluster", namespace: "destination_workload_namespace", workload: "destination_workload", app: "destination_canonical_service", version: "destination_canonical_revision" },
} as const;

/** Nested maps keyed by label values: a lookup allocates nothing when the value is known. */
class Trie<T> {
  private readonly root = new Map<string, unknown>();
  constructor(private readonly make: (values: string[]) => T) {}
  get(values: string[]): T {
    let level = this.root;
    for (let i = 0; i < values.length - 1; i++) {
      const v = values[i] as string;
      let next = level.get(v) as Map<string, unknown> | undefined;
      if (!next) level.set(v, (next = new Map()));
      level = next;
    }
    const last = values[values.length - 1] as string;
    let found = level.get(last) as T | undefined;
    if (found === undefined) level.set(last, (found = this.make(values)));
    return found;
  }
}

/**
 * Reads rows from samples, interning peers and services: the thousands of samples of one
 * build share a few hundred peer objects, and a row's edge key is a short string of their
 * numbers instead of a long one of their names (less garbage; the graph build is
 * allocation-bound at 1,000 workloads).
 */
export class RowReader {
  private nextId = 0;
  private readonly ids = new WeakMap<object, number>();
  private readonly peers = new Trie<Peer>(([cluster, namespace, workload, app, version]) => this.number({ cluster, namespace, workload, app, version } as Peer));
  private readonly services = new Trie<DestService>(([host, name, namespace]) => this.number({ host, name, namespace } as DestService));
  private readonly scratch: string[] = ["", "", "", "", ""];

  private number<T extends object>(value: T): T {
    this.ids.set(value, this.nextId++);
    return value;
  }

  private peer(labels: Record<string, string>, side: "source" | "destination"): Peer {
    const n = peerLabelNames[side];
    const s = this.scratch;
    s.length = 5;
    s[0] = label(labels, n.cluster);
    s[1] = label(labels, n.namespace);
    s[2] = label(labels, n.workload);
    s[3] = label(labels, n.app);
    s[4] = label(labels, n.version, "latest");
    return this.peers.get(s);
  }

  private service(labels: Record<string, string>): DestService {
    const host = label(labels, "destination_service");
    const s = this.scratch;
    s.length = 3;
    s[0] = host;
    s[1] = label(labels, "destination_service_name", host);
    s[2] = label(labels, "destination_service_namespace");
    return this.services.get(s);
  }

  /** Peer and service numbers below 2^16 each pack exactly into a double (< 2^53). */
  private key(source: Peer, dest: Peer, service: DestService, protocol: Protocol): EdgeKey {
    const s = this.ids.get(source) ?? 0;
    const d = this.ids.get(dest) ?? 0;
    const v = this.ids.get(service) ?? 0;
    if (s >= 65_536 || d >= 65_536 || v >= 65_536) return workloadEdgeKey({ source, dest, destService: service, protocol });
    return ((s * 65_536 + d) * 65_536 + v) * 4 + protocolNumber[protocol];
  }

  trafficRow(sample: PromSample, reporter: "source" | "destination", tcp: boolean): TrafficRow {
    const l = sample.labels;
    const source = this.peer(l, "source");
    const dest = this.peer(l, "destination");
    const destService = this.service(l);
    const protocol: Protocol = tcp ? "tcp" : (protocolByLabel[l.request_protocol ?? ""] ?? "http");
    return {
      edgeKey: this.key(source, dest, destService, protocol),
      reporter,
      source,
      dest,
      destService,
      protocol,
      code: tcp ? "" : (l.response_code ?? "0"),
      grpcStatus: l.grpc_response_status ?? "",
      flags: l.response_flags || "-",
      security: l.connection_security_policy || UNKNOWN,
      rate: sample.value,
    };
  }

  responseTimeRow(sample: PromSample, reporter: "source" | "destination"): ResponseTimeRow {
    const l = sample.labels;
    const source = this.peer(l, "source");
    const dest = this.peer(l, "destination");
    const destService = this.service(l);
    const protocol: Protocol = protocolByLabel[l.request_protocol ?? ""] ?? "http";
    return { edgeKey: this.key(source, dest, destService, protocol), reporter, source, dest, destService, protocol, ms: sample.value };
  }
}

const protocolByLabel: Record<string, Protocol> = { http: "http", grpc: "grpc", tcp: "tcp" };
const protocolNumber: Record<Protocol, number> = { http: 0, grpc: 1, tcp: 2 };

export const peerKey = (p: Peer) => `${p.cluster}/${p.namespace}/${p.workload}/${p.app}/${p.version}`;

/** Identifies a workload-level edge through one service, for one protocol (long form, for rows built by hand). */
export function workloadEdgeKey(row: { source: Peer; dest: Peer; destService: DestService; protocol: Protocol }): string {
  return `${peerKey(row.source)}>${peerKey(row.dest)}>${row.destService.host}>${row.protocol}`;
}
