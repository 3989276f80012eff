/**
 * Telemetry samples reshaped into rows the graph steps share: who called whom, through which
 * service, with what outcome, at what rate. Label names stop here.
 *
 * `readRows` reads one build's answers, applying the rules for messy telemetry
 * (messy-telemetry.ts: bad destination telemetry dropped, egress gateway calls continued,
 * unknown destination clusters filled in). It interns what the samples share (the thousands of
 * samples of a build name a few hundred peers), numbers each workload edge, and reads every
 * destination-reported answer before any source-reported one, so that the source's copy of
 * requests the destination already reported is skipped without making a row (see
 * `trafficRow`). The order is the signature's: answers come in grouped by reporter.
 */
import "server-only";
import type { Protocol } from "@/lib/contracts/graph";
import type { PromSample } from "@/server/adapters/prometheus";
import { hasClientOnlyFlag } from "./dedupe-edges";
import type { QueryKind } from "./graph-queries";
import { destinationCluster, EGRESS_GATEWAY, isBadDestTelemetry, isEgressGatewayService } from "./messy-telemetry";

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
 * A small integer numbering each distinct workload edge in turn (readRows, or
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

/** One figure of a workload-level edge as one proxy reported it: a response time (ms) or a throughput (bytes/s). */
export interface EdgeFigureRow {
  edgeKey: EdgeKey;
  reporter: "source" | "destination";
  source: Peer;
  dest: Peer;
  destService: DestService;
  protocol: Protocol;
  value: number;
}

/** One answer of a graph query: what it measures, and its samples. */
export interface Answer {
  kind: QueryKind;
  samples: readonly PromSample[];
}

/** One build's answers, grouped by the proxy that reported them, each group in query order. */
export interface AnswersByReporter {
  destination: readonly Answer[];
  source: readonly Answer[];
}

export interface Rows {
  rows: TrafficRow[];
  responseTimes: EdgeFigureRow[];
  throughputs: EdgeFigureRow[];
}

/** Rows for every sample, destination-reported answers first; rows are not yet de-duplicated (dedupe-edges.ts). */
export function readRows(answers: AnswersByReporter): Rows {
  const reader = new RowReader();
  const read: Rows = { rows: [], responseTimes: [], throughputs: [] };
  for (const answer of answers.destination) reader.readAnswer(answer, "destination", read);
  for (const answer of answers.source) reader.readAnswer(answer, "source", read);
  return read;
}

/** The number of one workload edge and what has been read of it so far. */
interface WorkloadEdge {
  service: DestService;
  protocol: Protocol;
  key: EdgeKey;
  /** A destination-reported row of the edge has been read. */
  reportedByDestination: boolean;
}

type Labels = Record<string, string | undefined>;

/** A label's value, or the fallback when Prometheus left it out or empty. */
const or = (value: string | undefined, fallback = UNKNOWN): string =>
  value === undefined || value === "" ? fallback : value;

/** `map.get(key)`, creating an empty list when missing. */
function listOf<K, T>(map: Map<K, T[]>, key: K): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/** The protocol a kind of answer measures, when the answer says it rather than its labels. */
const protocolOfKind: Record<QueryKind, Protocol | undefined> = {
  requests: undefined,
  grpcMessages: "grpc",
  tcp: "tcp",
  responseTime: undefined,
  throughput: undefined,
};

/** A bare-IP destination service that reached no workload (messy-telemetry.ts). */
const isBadDest = (l: Labels): boolean =>
  isBadDestTelemetry(or(l.destination_workload), or(l.destination_service_name, or(l.destination_service)), UNKNOWN);

/** A comparison chain, not a lookup object: a keyed load on a varying name is megamorphic. */
const protocolOf = (label: string | undefined): Protocol =>
  label === "grpc" ? "grpc" : label === "tcp" ? "tcp" : "http";

/**
 * The state of one readRows call. Interned values are found by their most telling label
 * (workload, host; a workload edge by its source and destination peers) and then told apart
 * by a short scan: one Map lookup instead of one per label, and a handful of entries per
 * list, where a Map per pair was much of the reader's garbage. Loops are plain (no callback
 * per sample: each closure was garbage).
 *
 * Labels are read with literal property names (`l.source_workload`), not `l[name]`: each
 * read site then sees one object shape and stays a fast named load, where a keyed load on
 * a computed name goes megamorphic (it was a fifth of the row-reading time).
 */
class RowReader {
  private readonly peers = new Map<string, Peer[]>();
  private readonly services = new Map<string, DestService[]>();
  private readonly edges = new Map<Peer, Map<Peer, WorkloadEdge[]>>();
  private edgeCount = 0;

  readAnswer(answer: Answer, reporter: TrafficRow["reporter"], into: Rows): void {
    const { kind, samples } = answer;
    const figures = kind === "responseTime" ? into.responseTimes : kind === "throughput" ? into.throughputs : undefined;
    const protocol = protocolOfKind[kind];
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i] as PromSample;
      if (figures) {
        const figure = this.figureRow(sample, reporter);
        if (figure) figures.push(figure);
        continue;
      }
      // A zero rate is a series that existed earlier but saw nothing in this window.
      if (!(sample.value > 0)) continue;
      const row = this.trafficRow(sample, reporter, protocol);
      if (row) into.rows.push(row);
    }
  }

  /**
   * The row for a sample; undefined for a source-reported sample of requests the edge's
   * destination has already reported, which de-duplication would drop anyway: about a third
   * of all samples, not worth a row each. readRows reads every destination-reported answer
   * first, so "already reported" is "reported".
   */
  private trafficRow(
    sample: PromSample,
    reporter: TrafficRow["reporter"],
    kindProtocol: Protocol | undefined,
  ): TrafficRow | undefined {
    const l: Labels = sample.labels;
    if (isBadDest(l)) return undefined;
    const source = this.sourcePeer(l);
    const dest = this.destPeer(l, source);
    const destService = this.service(l);
    const protocol: Protocol = kindProtocol ?? protocolOf(l.request_protocol);
    const edge = this.edge(source, dest, destService, protocol);
    const flags = l.response_flags || "-";
    if (reporter === "destination") edge.reportedByDestination = true;
    else if (edge.reportedByDestination && !hasClientOnlyFlag(flags)) return undefined;
    return {
      edgeKey: edge.key,
      reporter,
      source,
      dest,
      destService,
      protocol,
      // Bytes and stream messages have no response of their own.
      code: kindProtocol ? "" : (l.response_code ?? "0"),
      grpcStatus: l.grpc_response_status ?? "",
      flags,
      security: l.connection_security_policy || UNKNOWN,
      rate: sample.value,
    };
  }

  private figureRow(sample: PromSample, reporter: TrafficRow["reporter"]): EdgeFigureRow | undefined {
    const l: Labels = sample.labels;
    if (isBadDest(l)) return undefined;
    const source = this.sourcePeer(l);
    const dest = this.destPeer(l, source);
    const destService = this.service(l);
    const protocol = protocolOf(l.request_protocol);
    return {
      edgeKey: this.edge(source, dest, destService, protocol).key,
      reporter,
      source,
      dest,
      destService,
      protocol,
      value: sample.value,
    };
  }

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

  private sourcePeer(l: Labels): Peer {
    return this.peer(
      or(l.source_cluster),
      or(l.source_workload_namespace),
      or(l.source_workload),
      or(l.source_canonical_service),
      or(l.source_canonical_revision, "latest"),
    );
  }

  private destPeer(l: Labels, source: Peer): Peer {
    const cluster = destinationCluster(or(l.destination_cluster), source.cluster, UNKNOWN);
    const workload = or(l.destination_workload);
    if (workload === UNKNOWN && isEgressGatewayService(or(l.destination_service_name)))
      return this.peer(cluster, or(l.destination_service_namespace), EGRESS_GATEWAY, EGRESS_GATEWAY, "latest");
    return this.peer(
      cluster,
      or(l.destination_workload_namespace),
      workload,
      or(l.destination_canonical_service),
      or(l.destination_canonical_revision, "latest"),
    );
  }

  private service(l: Labels): DestService {
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

  /** The workload edge source → dest through `service` over `protocol`, numbered when first seen. */
  private edge(source: Peer, dest: Peer, service: DestService, protocol: Protocol): WorkloadEdge {
    let byDest = this.edges.get(source);
    if (!byDest) this.edges.set(source, (byDest = new Map()));
    const list = listOf(byDest, dest);
    for (let i = 0; i < list.length; i++) {
      const e = list[i] as WorkloadEdge;
      if (e.service === service && e.protocol === protocol) return e;
    }
    const made: WorkloadEdge = { service, protocol, key: this.edgeCount++, reportedByDestination: false };
    list.push(made);
    return made;
  }
}

export const peerKey = (p: Peer) => `${p.cluster}/${p.namespace}/${p.workload}/${p.app}/${p.version}`;
