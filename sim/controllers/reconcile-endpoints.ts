/**
 * Endpoints controller core: for a Service with a selector, the addresses of the pods it
 * selects (ready ones in `addresses`, others in `notReadyAddresses`), grouped into subsets by
 * the ports their containers resolve the Service's targetPorts to. Services without a
 * selector keep whatever Endpoints a user wrote.
 */
import type { KubeObject } from "../store/types";
import { type Action, type Json, REFS, isPodReady, isTerminating, matchesSelector, specOf, statusOf } from "./objects";
import { NODE_NAME } from "./reconcile-pod-status";

interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
}

function resolvePorts(service: KubeObject, pod: KubeObject): EndpointPort[] {
  const containerPorts = ((specOf(pod).containers as Json[] | undefined) ?? []).flatMap(
    (c) => (c.ports as Json[] | undefined) ?? [],
  );
  const out: EndpointPort[] = [];
  for (const sp of (specOf(service).ports as Json[] | undefined) ?? []) {
    const target = sp.targetPort ?? sp.port;
    let port: number | undefined;
    if (typeof target === "number") port = target;
    else if (/^\d+$/.test(String(target))) port = Number(target);
    else port = containerPorts.find((cp) => cp.name === target)?.containerPort as number | undefined;
    if (port === undefined) continue;
    out.push({ ...(sp.name ? { name: String(sp.name) } : {}), port, protocol: String(sp.protocol ?? "TCP") });
  }
  return out;
}

function address(pod: KubeObject): Json {
  return {
    ip: statusOf(pod).podIP,
    nodeName: (specOf(pod).nodeName as string | undefined) ?? NODE_NAME,
    targetRef: { kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
}

function byIp(a: Json, b: Json): number {
  return String(a.ip).localeCompare(String(b.ip), undefined, { numeric: true });
}

export function desiredEndpoints(service: KubeObject, pods: KubeObject[]): KubeObject | undefined {
  const selector = specOf(service).selector as Record<string, string> | undefined;
  if (!selector || Object.keys(selector).length === 0) return undefined;
  const groups = new Map<string, { ports: EndpointPort[]; ready: Json[]; notReady: Json[] }>();
  for (const pod of pods) {
    if (isTerminating(pod) || !statusOf(pod).podIP || !matchesSelector(pod.metadata.labels, selector)) continue;
    const ports = resolvePorts(service, pod);
    if (ports.length === 0) continue;
    const key = JSON.stringify(ports);
    const group = groups.get(key) ?? { ports, ready: [], notReady: [] };
    groups.set(key, group);
    (isPodReady(pod) ? group.ready : group.notReady).push(address(pod));
  }
  const subsets = [...groups.values()].map((g) => ({
    ...(g.ready.length > 0 ? { addresses: g.ready.sort(byIp) } : {}),
    ...(g.notReady.length > 0 ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
    ports: g.ports,
  }));
  return {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: {
      name: service.metadata.name,
      namespace: service.metadata.namespace,
      ...(service.metadata.labels ? { labels: { ...service.metadata.labels } } : {}),
    },
    ...(subsets.length > 0 ? { subsets } : {}),
  };
}

/** Actions that bring the stored Endpoints (if any) to what the Service and pods call for. */
export function reconcileEndpoints(
  service: KubeObject | undefined,
  existing: KubeObject | undefined,
  pods: KubeObject[],
  namespace: string,
  name: string,
): Action[] {
  const desired = service && !isTerminating(service) ? desiredEndpoints(service, pods) : undefined;
  if (!desired) {
    // A Service without a selector owns no Endpoints of ours; a deleted one takes them along.
    return !service && existing ? [{ type: "delete", ref: REFS.endpoints, namespace, name }] : [];
  }
  if (!existing) return [{ type: "create", ref: REFS.endpoints, object: desired }];
  const same =
    JSON.stringify(existing.subsets ?? null) === JSON.stringify(desired.subsets ?? null) &&
    JSON.stringify(existing.metadata.labels ?? null) === JSON.stringify(desired.metadata.labels ?? null);
  if (same) return [];
  const updated: KubeObject = { ...existing, metadata: { ...existing.metadata, labels: desired.metadata.labels } };
  if (desired.subsets) updated.subsets = desired.subsets;
  else delete updated.subsets;
  return [{ type: "update", ref: REFS.endpoints, object: updated }];
}
