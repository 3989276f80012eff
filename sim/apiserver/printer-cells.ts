/**
 * The computed table cells of built-in kinds, one function per cell name used in the
 * resource registry, reproducing kubernetes' pkg/printers/internalversion output
 * (READY 2/2, PORT(S) 9080/TCP, <none>, ages like 5m or 2d3h).
 */
import type { KubeObject } from "../store/types";

type Cell = (o: KubeObject, now: number) => string | number;
type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};
}
function arr(v: unknown): Json[] {
  return Array.isArray(v) ? (v as unknown[]).map(obj) : [];
}
function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}
function num(v: unknown): number {
  return typeof v === "number" ? v : 0;
}
/** An IntOrString field as kubectl prints it: the value, or N/A when unset. */
function intOrPercent(v: unknown): string {
  return typeof v === "number" || typeof v === "string" ? String(v) : "N/A";
}
function none(s: string): string {
  return s === "" ? "<none>" : s;
}

/** apimachinery's duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) return `${Math.floor(hours / 24 / 365)}y${Math.floor(hours / 24) % 365}d`;
  return `${Math.floor(hours / 24 / 365)}y`;
}

export function ageOf(timestamp: unknown, now: number): string {
  const t = Date.parse(str(timestamp));
  return Number.isNaN(t) ? "<unknown>" : humanDuration(now - t);
}

function podStatus(o: KubeObject): string {
  if (o.metadata.deletionTimestamp) return "Terminating";
  const status = obj(o.status);
  let reason = str(status.reason) || str(status.phase) || "Pending";
  for (const cs of arr(status.containerStatuses)) {
    const state = obj(cs.state);
    const waiting = str(obj(state.waiting).reason);
    const terminated = str(obj(state.terminated).reason);
    if (waiting) reason = waiting;
    else if (terminated) reason = terminated;
  }
  return reason;
}

function servicePorts(o: KubeObject): string {
  const ports = arr(obj(o.spec).ports).map((p) => {
    const proto = str(p.protocol) || "TCP";
    return p.nodePort ? `${num(p.port)}:${num(p.nodePort)}/${proto}` : `${num(p.port)}/${proto}`;
  });
  return none(ports.join(","));
}

function externalIP(o: KubeObject): string {
  const spec = obj(o.spec);
  const ips = Array.isArray(spec.externalIPs) ? (spec.externalIPs as string[]) : [];
  if (str(spec.type) === "LoadBalancer") {
    const ingress = arr(obj(obj(o.status).loadBalancer).ingress).map((i) => str(i.ip) || str(i.hostname));
    const all = [...ingress, ...ips];
    return all.length > 0 ? all.join(",") : "<pending>";
  }
  if (str(spec.type) === "ExternalName") return str(spec.externalName);
  return none(ips.join(","));
}

function endpoints(o: KubeObject): string {
  const list: string[] = [];
  for (const subset of arr(o.subsets)) {
    const ports = arr(subset.ports);
    for (const addr of arr(subset.addresses)) {
      if (ports.length === 0) list.push(str(addr.ip));
      for (const p of ports) list.push(`${str(addr.ip)}:${num(p.port)}`);
    }
  }
  if (list.length === 0) return "<none>";
  return list.length > 3 ? `${list.slice(0, 3).join(",")} + ${list.length - 3} more...` : list.join(",");
}

function templateContainers(o: KubeObject, field: "name" | "image"): string {
  return arr(obj(obj(obj(o.spec).template).spec).containers)
    .map((c) => str(c[field]))
    .join(",");
}

function selectorText(o: KubeObject): string {
  const sel = obj(obj(o.spec).selector);
  const parts = Object.entries(obj(sel.matchLabels)).map(([k, v]) => `${k}=${str(v)}`);
  for (const e of arr(sel.matchExpressions))
    parts.push(
      `${str(e.key)} ${str(e.operator).toLowerCase()} (${(Array.isArray(e.values) ? (e.values as string[]) : []).join(",")})`,
    );
  return none(parts.join(","));
}

function subjects(o: KubeObject, kind: string): string {
  return arr(o.subjects)
    .filter((s) => str(s.kind) === kind)
    .map((s) => (kind === "ServiceAccount" ? `${str(s.namespace)}/${str(s.name)}` : str(s.name)))
    .join(", ");
}

export const PRINTER_CELLS: Record<string, Cell> = {
  name: (o) => o.metadata.name ?? "",
  age: (o, now) => ageOf(o.metadata.creationTimestamp, now),
  createdAt: (o) => o.metadata.creationTimestamp ?? "",
  namespacePhase: (o) => str(obj(o.status).phase) || "Active",
  podReady: (o) =>
    `${arr(obj(o.status).containerStatuses).filter((c) => c.ready === true).length}/${arr(obj(o.spec).containers).length}`,
  podStatus,
  podRestarts: (o) => String(arr(obj(o.status).containerStatuses).reduce((n, c) => n + num(c.restartCount), 0)),
  podIP: (o) => none(str(obj(o.status).podIP)),
  podNode: (o) => none(str(obj(o.spec).nodeName)),
  podNominatedNode: (o) => none(str(obj(o.status).nominatedNodeName)),
  podReadinessGates: (o) =>
    none(
      arr(obj(o.spec).readinessGates)
        .map((g) => str(g.conditionType))
        .join(","),
    ),
  serviceType: (o) => str(obj(o.spec).type) || "ClusterIP",
  serviceClusterIP: (o) => none(str(obj(o.spec).clusterIP)),
  serviceExternalIP: externalIP,
  servicePorts,
  serviceSelector: (o) =>
    none(
      Object.entries(obj(obj(o.spec).selector))
        .map(([k, v]) => `${k}=${str(v)}`)
        .join(","),
    ),
  endpoints,
  serviceAccountSecrets: (o) => arr(o.secrets).length,
  configMapData: (o) => Object.keys(obj(o.data)).length + Object.keys(obj(o.binaryData)).length,
  secretType: (o) => str(o.type) || "Opaque",
  secretData: (o) => Object.keys(obj(o.data)).length,
  pdbMinAvailable: (o) => intOrPercent(obj(o.spec).minAvailable),
  pdbMaxUnavailable: (o) => intOrPercent(obj(o.spec).maxUnavailable),
  pdbAllowedDisruptions: (o) => num(obj(o.status).disruptionsAllowed),
  eventLastSeen: (o, now) => ageOf(str(o.lastTimestamp) || str(o.eventTime) || o.metadata.creationTimestamp, now),
  eventFirstSeen: (o, now) => ageOf(str(o.firstTimestamp) || str(o.eventTime) || o.metadata.creationTimestamp, now),
  eventType: (o) => str(o.type),
  eventReason: (o) => str(o.reason),
  eventObject: (o) => `${str(obj(o.involvedObject).kind).toLowerCase()}/${str(obj(o.involvedObject).name)}`,
  eventSubobject: (o) => str(obj(o.involvedObject).fieldPath),
  eventSource: (o) => str(obj(o.source).component),
  eventMessage: (o) => str(o.message),
  eventCount: (o) => String(num(o.count) || 1),
  deploymentReady: (o) =>
    `${num(obj(o.status).readyReplicas)}/${typeof obj(o.spec).replicas === "number" ? num(obj(o.spec).replicas) : 1}`,
  deploymentUpToDate: (o) => num(obj(o.status).updatedReplicas),
  deploymentAvailable: (o) => num(obj(o.status).availableReplicas),
  replicaSetDesired: (o) => (typeof obj(o.spec).replicas === "number" ? num(obj(o.spec).replicas) : 1),
  replicaSetCurrent: (o) => num(obj(o.status).replicas),
  replicaSetReady: (o) => num(obj(o.status).readyReplicas),
  templateContainers: (o) => templateContainers(o, "name"),
  templateImages: (o) => templateContainers(o, "image"),
  workloadSelector: selectorText,
  leaseHolder: (o) => str(obj(o.spec).holderIdentity),
  webhookCount: (o) => arr(o.webhooks).length,
  bindingRole: (o) => `${str(obj(o.roleRef).kind)}/${str(obj(o.roleRef).name)}`,
  bindingUsers: (o) => subjects(o, "User"),
  bindingGroups: (o) => subjects(o, "Group"),
  bindingServiceAccounts: (o) => subjects(o, "ServiceAccount"),
};
