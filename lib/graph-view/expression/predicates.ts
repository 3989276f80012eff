/**
 * What find/hide expressions can ask, as tables. A field or flag applies to nodes, to
 * edges or to both; asked of an element it does not apply to, it answers `undefined`
 * ("not applicable"), so `rt > 200` selects slow edges and never a node.
 */
import type { ViewEdge, ViewNode } from "../view-model";

export interface NumericField {
  type: "number";
  help: string;
  node?: (n: ViewNode) => number | undefined;
  edge?: (e: ViewEdge) => number | undefined;
}

export interface TextField {
  type: "text";
  help: string;
  node?: (n: ViewNode) => (string | undefined)[];
  edge?: (e: ViewEdge) => (string | undefined)[];
}

export interface Flag {
  help: string;
  node?: (n: ViewNode) => boolean;
  edge?: (e: ViewEdge) => boolean;
}

/** Node request rates: inbound, or outbound for nodes that only send (roots). */
const nodeRate = (inbound: number, outbound: number) => (inbound > 0 ? inbound : outbound);
const ofProtocol = (e: ViewEdge, protocol: ViewEdge["protocol"], value: number) =>
  e.protocol === protocol ? value : undefined;

export const numericFields: Record<string, NumericField> = {
  http: {
    type: "number",
    help: "HTTP requests/s",
    node: (n) => nodeRate(n.rates.httpIn, n.rates.httpOut),
    edge: (e) => ofProtocol(e, "http", e.rate) ?? 0,
  },
  grpc: {
    type: "number",
    help: "gRPC requests/s",
    node: (n) => nodeRate(n.rates.grpcIn, n.rates.grpcOut),
    edge: (e) => ofProtocol(e, "grpc", e.rate) ?? 0,
  },
  tcp: {
    type: "number",
    help: "TCP bytes/s",
    node: (n) => nodeRate(n.rates.tcpIn, n.rates.tcpOut),
    edge: (e) => ofProtocol(e, "tcp", e.rate) ?? 0,
  },
  "%httperr": {
    type: "number",
    help: "HTTP error %",
    node: (n) => n.rates.httpInErrPct,
    edge: (e) => ofProtocol(e, "http", e.errorPct),
  },
  "%grpcerr": {
    type: "number",
    help: "gRPC error %",
    node: (n) => n.rates.grpcInErrPct,
    edge: (e) => ofProtocol(e, "grpc", e.errorPct),
  },
  "%traffic": { type: "number", help: "edge's share of its source's traffic %", edge: (e) => e.percentReq },
  rt: { type: "number", help: "edge response time, ms", edge: (e) => e.responseTimeMs },
};

export const textFields: Record<string, TextField> = {
  name: {
    type: "text",
    help: "app, workload or service name",
    node: (n) => [n.title, n.label, n.app, n.workload, n.service],
  },
  app: { type: "text", help: "app (canonical service)", node: (n) => [n.app] },
  version: { type: "text", help: "version (canonical revision)", node: (n) => [n.version] },
  namespace: { type: "text", help: "namespace", node: (n) => [n.namespace] },
  workload: { type: "text", help: "workload", node: (n) => [n.workload] },
  service: { type: "text", help: "service", node: (n) => [n.service] },
  protocol: { type: "text", help: "edge protocol (http, grpc, tcp)", edge: (e) => [e.protocol] },
};

export const flags: Record<string, Flag> = {
  mtls: { help: "edge with mutual TLS", edge: (e) => (e.mtlsPct ?? 0) > 0 },
  healthy: { help: "node health is healthy", node: (n) => n.health === "healthy" },
  degraded: { help: "node health is degraded", node: (n) => n.health === "degraded" },
  failure: { help: "node health is failure", node: (n) => n.health === "failure" },
  idle: { help: "node without traffic", node: (n) => n.isIdle },
  root: { help: "node that only sends", node: (n) => n.isRoot },
  dead: { help: "node with no running pod", node: (n) => n.isDead },
  outofmesh: { help: "node outside the mesh", node: (n) => n.isOutOfMesh },
  sidecar: { help: "node with all its sidecars", node: (n) => !n.badges.includes("missingSidecar") && !n.isOutOfMesh },
  gateway: { help: "gateway node", node: (n) => n.isGateway },
  serviceentry: { help: "ServiceEntry node", node: (n) => n.isServiceEntry },
  virtualservice: { help: "node with a VirtualService", node: (n) => n.badges.includes("virtualService") },
  trafficshifting: { help: "weighted routes", node: (n) => n.badges.includes("trafficShifting") },
  faultinjection: { help: "fault injection", node: (n) => n.badges.includes("faultInjection") },
  circuitbreaker: { help: "circuit breaker", node: (n) => n.badges.includes("circuitBreaker") },
  mirroring: { help: "traffic mirroring", node: (n) => n.badges.includes("mirroring") },
  timeout: { help: "request timeout", node: (n) => n.badges.includes("timeout") },
};

/** Other spellings people type (Kiali's among them). */
export const aliases: Record<string, string> = {
  responsetime: "rt",
  "%error": "%httperr",
  "%err": "%httperr",
  vs: "virtualservice",
  cb: "circuitbreaker",
  ns: "namespace",
  unhealthy: "failure",
};

export const allowedHelp =
  "Allowed: numbers with > >= < <= = != on " +
  Object.keys(numericFields).join(", ") +
  "; names with = or != on " +
  Object.keys(textFields).join(", ") +
  "; the words " +
  Object.keys(flags).join(", ") +
  "; joined with AND / OR (or && / ||), negated with NOT or !, grouped with ( ). Example: http > 0.5 AND %httperr > 5";
