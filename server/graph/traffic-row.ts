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

export interface TrafficRow {
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

function peerOf(labels: Record<string, string>, side: "source" | "destination"): Peer {
  return {
    cluster: label(labels, `${side}_cluster`),
    namespace: label(labels, `${side}_workload_namespace`),
    workload: label(labels, `${side}_workload`),
    app: label(labels, `${side}_canonical_service`),
    version: label(labels, `${side}_canonical_revision`, "latest"),
  };
}

function destServiceOf(labels: Record<string, string>): DestService {
  const host = label(labels, "destination_service");
  return {
    host,
    name: label(labels, "destination_service_name", host),
    namespace: label(labels, "destination_service_namespace"),
  };
}

const protocolByLabel: Record<string, Protocol> = { http: "http", grpc: "grpc", tcp: "tcp" };

export function toTrafficRow(sample: PromSample, reporter: "source" | "destination", tcp: boolean): TrafficRow {
  const l = sample.labels;
  return {
    reporter,
    source: peerOf(l, "source"),
    dest: peerOf(l, "destination"),
    destService: destServiceOf(l),
    protocol: tcp ? "tcp" : (protocolByLabel[l.request_protocol ?? ""] ?? "http"),
    code: tcp ? "" : (l.response_code ?? "0"),
    grpcStatus: l.grpc_response_status ?? "",
    flags: l.response_flags || "-",
    security: l.connection_security_policy || UNKNOWN,
    rate: sample.value,
  };
}

export function toResponseTimeRow(sample: PromSample, reporter: "source" | "destination"): ResponseTimeRow {
  const l = sample.labels;
  return {
    reporter,
    source: peerOf(l, "source"),
    dest: peerOf(l, "destination"),
    destService: destServiceOf(l),
    protocol: protocolByLabel[l.request_protocol ?? ""] ?? "http",
    ms: sample.value,
  };
}

const peerKey = (p: Peer) => `${p.cluster}/${p.namespace}/${p.workload}/${p.app}/${p.version}`;

/** Identifies a workload-level edge through one service, for one protocol. */
export function workloadEdgeKey(row: { source: Peer; dest: Peer; destService: DestService; protocol: Protocol }): string {
  return `${peerKey(row.source)}>${peerKey(row.dest)}>${row.destService.host}>${row.protocol}`;
}
