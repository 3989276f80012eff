/**
 * Which recorded changes touch a service, workload or app — as data, one row per kind: a new
 * kind is a new row. A change touches the target when either version of the object (before or
 * after it) does, so removing the route to reviews touches reviews as much as adding it.
 *
 * - VirtualService: its hosts, or a route / mirror destination, resolve to one of the target's
 *   services (hosts qualified as istiod reads them: server/validation/hosts.ts `qualifyHost`);
 * - DestinationRule: its host resolves to one of them;
 * - ServiceEntry: it names one of them as a host, or its workloadSelector picks a target workload;
 * - Gateway: its selector picks a target workload (any namespace, as istiod reads it);
 * - PeerAuthentication, AuthorizationPolicy, RequestAuthentication, Sidecar: they select a
 *   target workload, or select none and so apply to the whole namespace — the mesh when they
 *   live in the root namespace (server/validation/labels.ts `workloadsSelected`);
 * - Deployment (its sidecar-injection annotation, audited-kinds.ts): it is a target workload;
 * - Namespace (its injection label): it is the target's namespace.
 *
 * Pure. The objects are the audit log's JSON, which nothing checked on the way in (an external
 * change is whatever the API server accepted), so every field is read with a type guard.
 */
import "server-only";
import type { AuditObject } from "@/server/adapters/db/audit-entries";
import { describeHost, qualifyHost } from "@/server/validation/hosts";
import { asLabels, labelsMatch } from "@/server/validation/labels";

export interface TargetWorkload {
  name: string;
  labels: Readonly<Record<string, string>>;
}

/** A service, workload or app, resolved to what config can refer to (change-target.ts). */
export interface ChangeTarget {
  namespace: string;
  /** FQDNs of its services. */
  hosts: ReadonlySet<string>;
  workloads: readonly TargetWorkload[];
}

export interface MeshNames {
  domain: string;
  rootNamespace: string;
}

/** What the log filed a change under, and one version of its object. */
interface Version {
  namespace: string;
  name: string;
  object: AuditObject;
}

type Row = (version: Version, target: ChangeTarget, mesh: MeshNames) => string[];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const records = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === "string") : []);
const at = (v: unknown, ...path: string[]): unknown =>
  path.reduce((node, key) => (isRecord(node) ? node[key] : undefined), v);

function matchingHosts(hosts: readonly string[], version: Version, target: ChangeTarget, mesh: MeshNames): string[] {
  const matched = hosts.map((h) => qualifyHost(h, version.namespace, mesh.domain)).filter((h) => target.hosts.has(h));
  return [...new Set(matched)].map((h) => describeHost(h, mesh.domain));
}

/** Where a VirtualService sends traffic: http routes and mirrors, tcp and tls routes. */
function destinationHostsOf(spec: unknown): string[] {
  const hosts: unknown[] = [];
  for (const rule of records(at(spec, "http"))) {
    hosts.push(...records(rule.route).map((d) => at(d, "destination", "host")), at(rule, "mirror", "host"));
    hosts.push(...records(rule.mirrors).map((m) => at(m, "destination", "host")));
  }
  for (const rule of [...records(at(spec, "tcp")), ...records(at(spec, "tls"))])
    hosts.push(...records(rule.route).map((d) => at(d, "destination", "host")));
  return hosts.filter((h): h is string => typeof h === "string");
}

/**
 * The target workloads a policy in `version.namespace` selects: by labels, or all of them when
 * it has no selector; only in its own namespace, or anywhere from the root namespace.
 */
function selected(selector: unknown, version: Version, target: ChangeTarget, mesh: MeshNames): string[] {
  const fromRoot = version.namespace === mesh.rootNamespace;
  if (!fromRoot && version.namespace !== target.namespace) return [];
  const labels = asLabels(selector) ?? {};
  if (Object.keys(labels).length === 0) {
    if (target.workloads.length === 0) return [];
    return [fromRoot ? "applies to the whole mesh" : `applies to every workload in ${version.namespace}`];
  }
  return target.workloads.filter((w) => labelsMatch(labels, w.labels)).map((w) => `selects workload ${w.name}`);
}

const policyRow =
  (...selectorPath: string[]): Row =>
  (version, target, mesh) =>
    selected(at(version.object, "spec", ...selectorPath), version, target, mesh);

const rows: Record<string, Row> = {
  VirtualService: (version, target, mesh) => {
    const spec = at(version.object, "spec");
    return [
      ...matchingHosts(strings(at(spec, "hosts")), version, target, mesh).map((h) => `routes requests for ${h}`),
      ...matchingHosts(destinationHostsOf(spec), version, target, mesh).map((h) => `routes to ${h}`),
    ];
  },
  DestinationRule: (version, target, mesh) =>
    matchingHosts(strings([at(version.object, "spec", "host")]), version, target, mesh).map(
      (h) => `sets the traffic policy of ${h}`,
    ),
  ServiceEntry: (version, target, mesh) => {
    const spec = at(version.object, "spec");
    // Its workloadSelector picks endpoints in its own namespace only; without one it selects none.
    const labels = asLabels(at(spec, "workloadSelector", "labels")) ?? {};
    const picked =
      version.namespace === target.namespace && Object.keys(labels).length > 0
        ? target.workloads.filter((w) => labelsMatch(labels, w.labels)).map((w) => `selects workload ${w.name}`)
        : [];
    return [
      ...matchingHosts(strings(at(spec, "hosts")), version, target, mesh).map((h) => `registers ${h}`),
      ...picked,
    ];
  },
  Gateway: (version, target) => {
    const labels = asLabels(at(version.object, "spec", "selector")) ?? {};
    if (Object.keys(labels).length === 0) return [];
    return target.workloads.filter((w) => labelsMatch(labels, w.labels)).map((w) => `runs on workload ${w.name}`);
  },
  PeerAuthentication: policyRow("selector", "matchLabels"),
  AuthorizationPolicy: policyRow("selector", "matchLabels"),
  RequestAuthentication: policyRow("selector", "matchLabels"),
  Sidecar: policyRow("workloadSelector", "labels"),
  Deployment: (version, target) =>
    version.namespace === target.namespace && target.workloads.some((w) => w.name === version.name)
      ? [`sidecar injection of workload ${version.name}`]
      : [],
  Namespace: (version, target) =>
    version.name === target.namespace && target.workloads.length > 0
      ? [`sidecar injection of namespace ${version.name}`]
      : [],
};

export interface RecordedChange {
  kind: string;
  namespace: string;
  name: string;
  before: AuditObject | null;
  after: AuditObject | null;
}

/** Why the change touches the target (empty: it does not), each reason once. */
export function touchReasons(change: RecordedChange, target: ChangeTarget, mesh: MeshNames): string[] {
  const row = rows[change.kind];
  if (!row) return [];
  const reasons = [change.before, change.after].flatMap((object) =>
    object ? row({ namespace: change.namespace, name: change.name, object }, target, mesh) : [],
  );
  return [...new Set(reasons)];
}
