/**
 * Telemetry samples reshaped into rows the graph steps share: who called whom, through which
 * service, with what outcome, at what rate. Label names stop here.
 */
import "server-only";
import type { Protocol } from "@/lib/contracts/graph";
import { hasClientOnlyFlag } from "./dedupe-edges";
import type { PromSample } from "@/server/adapters/prometheus";

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
 * A small integer numbering each distinct workload edge in turn (RowReader, or
 * test-support's rows): the steps that group rows by edge index arrays with it instead of
 * hashing a key.
 */
export type EdgeKey = number;

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

/** A label's value, or the fallback when Prometheus left it out or empty. */
const or = (value: string | undefined, fallback = UNKNOWN): string => (value === undefined || value === "" ? fallback : value);

/** `map.get(key)`, creating an empty list when missing. */
function listOf<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/**
 * Reads rows from samples, interning peers and services: the thousands of samples of
 * one build share a few hundred peer objects, and a row's edge key is a small number
 * instead of a long string of their names (less garbage; the graph build is
 * allocation-bound at 1,000 workloads).
 *
 * Labels are read with literal property names (`l.source_workload`), not `l[name]`: each
 * read site then sees one object shape and stays a fast named load, where a keyed load on
 * a computed name goes megamorphic (it was a fifth of the row-reading time).
 */
export class RowReader {
  /**
   * Interned values found by their most telling label (workload, host) and then told apart
   * by a short scan: one Map lookup per peer instead of one per label (plain loops, no
   * callbacks: a closure per sample was garbage).
   */
  private readonly peers = new Map<string, Peer[]>();
  private readonly services = new Map<string, DestService[]>();
  /**
   * source → dest → a flat list of [service, http edge, grpc edge, tcp edge] quadruples
   * (interned objects as keys). Two workloads nearly always talk through one service, so a
   * short scan beats a Map per pair (thousands of small Maps were much of the reader's garbage).
   */
  private readonly edges = new Map<Peer, Map<Peer, (DestService | number | undefined)[]>>();
  private nextEdge = 0;
  /** By edge number: whether a destination-reported row of the edge has been read. */
  private readonly reportedByDestination: boolean[] = [];

  private peer(cluster: string, namespace: string, workload: string, app: string, version: string): Peer {
    const list = listOf(this.peers, workload);
    for (let i = 0; i < list.length; i++) {
      const p = list[i] as Peer;
      if (p.namespace === namespace && p.cluster === cluster && p.app === app && p.version === version) return p;
    }
    const made: Peer = { cluster, namespace, workload, app, version };
    list.push(made);
    return made;
  }

  private sourcePeer(l: Record<string, string | undefined>): Peer {
    return this.peer(or(l.source_cluster), or(l.source_workload_namespace), or(l.source_workload), or(l.source_canonical_service), or(l.source_canonical_revision, "latest"));
  }

  private destPeer(l: Record<string, string | undefined>): Peer {
    return this.peer(or(l.destination_cluster), or(l.destination_workload_namespace), or(l.destination_workload), or(l.destination_canonical_service), or(l.destination_canonical_revision, "latest"));
  }

  private service(l: Record<string, string | undefined>): DestService {
    const host = or(l.destination_service);
    const name = or(l.destination_service_name, host);
    const namespace = or(l.destination_service_namespace);
    const list = listOf(this.services, host);
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as DestService;
      if (s.name === name && s.namespace === namespace) return s;
    }
    const made: DestService = { host, name, namespace };
    list.push(made);
    return made;
  }

  private key(source: Peer, dest: Peer, service: DestService, protocol: Protocol): EdgeKey {
    let byDest = this.edges.get(source);
    if (!byDest) this.edges.set(source, (byDest = new Map()));
    let byService = byDest.get(dest);
    if (!byService) byDest.set(dest, (byService = []));
    let at = 0;
    while (at < byService.length && byService[at] !== service) at += 4;
    if (at === byService.length) byService.push(service, undefined, undefined, undefined);
    const slot = at + 1 + protocolNumber[protocol];
    let edge = byService[slot] as number | undefined;
    if (edge === undefined) byService[slot] = edge = this.nextEdge++;
    return edge;
  }

  /**
   * The row for a sample; undefined for a source-reported sample of requests the edge's
   * destination has already reported (read the destination's answers first), which
   * de-duplication would drop anyway: about a third of all samples, not worth a row each.
   */
  trafficRow(sample: PromSample, reporter: "source" | "destination", tcp: boolean): TrafficRow | undefined {
    const l: Record<string, string | undefined> = sample.labels;
    const source = this.sourcePeer(l);
    const dest = this.destPeer(l);
    const destService = this.service(l);
    const protocol: Protocol = tcp ? "tcp" : (protocolOf(l.request_protocol));
    const edgeKey = this.key(source, dest, destService, protocol);
    const flags = l.response_flags || "-";
    if (reporter === "destination") this.reportedByDestination[edgeKey] = true;
    else if (this.reportedByDestination[edgeKey] === true && !hasClientOnlyFlag(flags)) return undefined;
    return {
      edgeKey,
      reporter,
      source,
      dest,
      destService,
      protocol,
      code: tcp ? "" : (l.response_code ?? "0"),
      grpcStatus: l.grpc_response_status ?? "",
      flags,
      security: l.connection_security_policy || UNKNOWN,
      rate: sample.value,
    };
  }

  responseTimeRow(sample: PromSample, reporter: "source" | "destination"): ResponseTimeRow {
    const l: Record<string, string | undefined> = sample.labels;
    const source = this.sourcePeer(l);
    const dest = this.destPeer(l);
    const destService = this.service(l);
    const protocol: Protocol = protocolOf(l.request_protocol);
    return { edgeKey: this.key(source, dest, destService, protocol), reporter, source, dest, destService, protocol, ms: sample.value };
  }
}

/** A comparison chain, not a lookup object: a keyed load on a varying name is megamorphic. */
const protocolOf = (label: string | undefined): Protocol => (label === "grpc" ? "grpc" : label === "tcp" ? "tcp" : "http");
const protocolNumber: Record<Protocol, number> = { http: 0, grpc: 1, tcp: 2 };

export const peerKey = (p: Peer) => `${p.cluster}/${p.namespace}/${p.workload}/${p.app}/${p.version}`;
