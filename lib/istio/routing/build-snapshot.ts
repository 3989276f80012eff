/**
 * Turns the store's objects into a ConfigSnapshot: pods become workload identities (the
 * labels Istio's telemetry reports), services get their ready pods, and Istio objects get
 * their hosts and gateway names qualified the way istiod qualifies them. Pure: the watcher
 * hands it plain objects and keeps the result until the next change.
 */
import { canonicalRevisionOf, canonicalServiceOf, workloadNameOf } from "@/lib/istio/canonical";
import type {
  AuthorizationPolicySpec,
  DestinationRuleSpec,
  GatewaySpec,
  PeerAuthenticationSpec,
  ServiceEntrySpec,
  VirtualServiceSpec,
} from "@/lib/istio/types";
import type { PlainKubeObject } from "@/lib/kube/plain-object";
import { readMeshConfig } from "./mesh-config";
import { qualifyConfigHost, qualifyGatewayName, serviceFqdn } from "./hosts";
import {
  labelsMatch,
  principalOf,
  UNKNOWN,
  type ConfigEntry,
  type ConfigSnapshot,
  type GatewayEntry,
  type PodInfo,
  type Protocol,
  type ServiceInfo,
  type ServicePortInfo,
  type WorkloadIdentity,
} from "./snapshot";

export interface SnapshotInput {
  namespaces: readonly PlainKubeObject[];
  pods: readonly PlainKubeObject[];
  services: readonly PlainKubeObject[];
  deployments: readonly PlainKubeObject[];
  virtualServices: readonly PlainKubeObject[];
  destinationRules: readonly PlainKubeObject[];
  gateways: readonly PlainKubeObject[];
  serviceEntries: readonly PlainKubeObject[];
  peerAuthentications: readonly PlainKubeObject[];
  authorizationPolicies: readonly PlainKubeObject[];
  /** Only the root namespace's `istio` ConfigMap is read (mesh-config.ts). */
  configMaps: readonly PlainKubeObject[];
}

type Json = Record<string, unknown>;

/**
 * Istio's protocol selection by port name prefix (or appProtocol); unnamed ports are sniffed, and our traffic is HTTP.
 */
const PROTOCOL_BY_PREFIX: Record<string, Protocol> = {
  http: "http",
  http2: "http",
  "http-web": "http",
  grpc: "grpc",
  "grpc-web": "http",
  tcp: "tcp",
  tls: "tcp",
  https: "tcp",
  mongo: "tcp",
  mysql: "tcp",
  redis: "tcp",
};

export function protocolOfPort(name: string | undefined, appProtocol?: string): Protocol {
  const key = (appProtocol ?? name ?? "").toLowerCase();
  const prefix = key.split("-")[0] ?? "";
  return PROTOCOL_BY_PREFIX[key] ?? PROTOCOL_BY_PREFIX[prefix] ?? "http";
}

function specOf<T>(object: PlainKubeObject): T {
  return ((object.spec as T | undefined) ?? {}) as T;
}

function containersOf(pod: PlainKubeObject): Json[] {
  const spec = (pod.spec as Json | undefined) ?? {};
  return Array.isArray(spec.containers) ? (spec.containers as Json[]) : [];
}

function isReady(pod: PlainKubeObject): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const status = (pod.status as Json | undefined) ?? {};
  if (status.phase === "Failed" || status.phase === "Succeeded") return false;
  const conditions = Array.isArray(status.conditions) ? (status.conditions as Json[]) : [];
  const ready = conditions.find((c) => c.type === "Ready");
  return !ready || ready.status !== "False";
}

function identityOf(pod: PlainKubeObject, workload: string, serviceAccount: string): WorkloadIdentity {
  const labels = pod.metadata.labels ?? {};
  const namespace = pod.metadata.namespace ?? "default";
  return {
    key: `${namespace}/${workload}`,
    workload,
    namespace,
    app: labels.app ?? UNKNOWN,
    version: labels.version ?? UNKNOWN,
    canonicalService: canonicalServiceOf(labels, workload),
    canonicalRevision: canonicalRevisionOf(labels),
    principal: principalOf(namespace, serviceAccount),
  };
}

function buildPods(pods: readonly PlainKubeObject[], deployments: readonly PlainKubeObject[]): PodInfo[] {
  const deploymentAnnotations = new Map<string, Record<string, string>>();
  for (const d of deployments)
    deploymentAnnotations.set(`${d.metadata.namespace}/${d.metadata.name}`, d.metadata.annotations ?? {});
  const identities = new Map<string, WorkloadIdentity>();
  const out: PodInfo[] = [];
  for (const pod of pods) {
    const name = pod.metadata.name ?? "";
    const namespace = pod.metadata.namespace ?? "default";
    const owner = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
    const workload = workloadNameOf(name, owner);
    const spec = (pod.spec as Json | undefined) ?? {};
    const serviceAccount = String(spec.serviceAccountName ?? spec.serviceAccount ?? "default");
    const proxy = containersOf(pod).find((c) => c.name === "istio-proxy");
    const args = Array.isArray(proxy?.args) ? (proxy.args as unknown[]).map(String) : [];
    const key = `${namespace}/${workload}`;
    // One identity object per workload, so telemetry can cache label text by reference.
    let identity = identities.get(key);
    if (!identity) {
      identity = identityOf(pod, workload, serviceAccount);
      identities.set(key, identity);
    }
    const ip = (pod.status as Json | undefined)?.podIP;
    out.push({
      name,
      namespace,
      labels: pod.metadata.labels ?? {},
      annotations: pod.metadata.annotations ?? {},
      identity,
      serviceAccount,
      hasSidecar: proxy !== undefined && !args.includes("router"),
      isGateway: proxy !== undefined && args.includes("router"),
      ready: isReady(pod),
      ...(typeof ip === "string" && ip !== "" ? { ip } : {}),
      workloadAnnotations: deploymentAnnotations.get(key) ?? {},
    });
  }
  return out.sort((a, b) => (a.namespace + "/" + a.name < b.namespace + "/" + b.name ? -1 : 1));
}

function servicePorts(
  service: PlainKubeObject,
  pods: PodInfo[],
  podObjects: Map<string, PlainKubeObject>,
): ServicePortInfo[] {
  const spec = specOf<{ ports?: Json[] }>(service);
  return (spec.ports ?? []).map((p) => {
    const port = Number(p.port);
    let targetPort = port;
    if (typeof p.targetPort === "number") targetPort = p.targetPort;
    else if (typeof p.targetPort === "string") {
      // A named targetPort resolves to the container port of that name on the first pod.
      const first = pods[0] && podObjects.get(`${pods[0].namespace}/${pods[0].name}`);
      const named = first
        ? containersOf(first)
            .flatMap((c) => (Array.isArray(c.ports) ? (c.ports as Json[]) : []))
            .find((cp) => cp.name === p.targetPort)
        : undefined;
      targetPort = named ? Number(named.containerPort) : port;
    }
    return {
      name: String(p.name ?? ""),
      port,
      targetPort,
      protocol: protocolOfPort(p.name as string | undefined, p.appProtocol as string | undefined),
    };
  });
}

function buildServices(
  services: readonly PlainKubeObject[],
  pods: PodInfo[],
  podObjects: Map<string, PlainKubeObject>,
): Map<string, ServiceInfo> {
  const out = new Map<string, ServiceInfo>();
  const podsByNamespace = new Map<string, PodInfo[]>();
  for (const pod of pods) {
    const list = podsByNamespace.get(pod.namespace) ?? [];
    list.push(pod);
    podsByNamespace.set(pod.namespace, list);
  }
  for (const service of services) {
    const name = service.metadata.name ?? "";
    const namespace = service.metadata.namespace ?? "default";
    const selector = specOf<{ selector?: Record<string, string> }>(service).selector;
    // A service without a selector has no pods the simulator knows of.
    const selected =
      selector && Object.keys(selector).length > 0
        ? (podsByNamespace.get(namespace) ?? []).filter((p) => p.ready && labelsMatch(selector, p.labels))
        : [];
    const fqdn = serviceFqdn(name, namespace);
    out.set(fqdn, {
      name,
      namespace,
      fqdn,
      clusterIp: String(specOf<{ clusterIP?: string }>(service).clusterIP ?? ""),
      selector: selector ?? {},
      pods: selected,
      ports: servicePorts(service, selected, podObjects),
    });
  }
  return out;
}

function byCreation(objects: readonly PlainKubeObject[]): PlainKubeObject[] {
  return [...objects].sort((a, b) => {
    const ta = a.metadata.creationTimestamp ?? "";
    const tb = b.metadata.creationTimestamp ?? "";
    if (ta !== tb) return ta < tb ? -1 : 1;
    return Number(a.metadata.resourceVersion ?? 0) - Number(b.metadata.resourceVersion ?? 0);
  });
}

function entry<Spec>(object: PlainKubeObject, order: number): ConfigEntry<Spec> {
  return {
    name: object.metadata.name ?? "",
    namespace: object.metadata.namespace ?? "default",
    spec: specOf<Spec>(object),
    order,
  };
}

export function buildSnapshot(input: SnapshotInput, version: number, rootNamespace = "istio-system"): ConfigSnapshot {
  const pods = buildPods(input.pods, input.deployments);
  const podObjects = new Map(input.pods.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
  const gateways = new Map<string, GatewayEntry>();
  byCreation(input.gateways).forEach((g, i) => {
    const e = entry<GatewaySpec>(g, i);
    gateways.set(`${e.namespace}/${e.name}`, e);
  });
  return {
    version,
    rootNamespace,
    pods,
    services: buildServices(input.services, pods, podObjects),
    virtualServices: byCreation(input.virtualServices).map((vs, i) => {
      const e = entry<VirtualServiceSpec>(vs, i);
      return {
        ...e,
        hosts: (e.spec.hosts ?? []).map((h) => qualifyConfigHost(h, e.namespace)),
        gateways: (e.spec.gateways && e.spec.gateways.length > 0 ? e.spec.gateways : ["mesh"]).map((g) =>
          qualifyGatewayName(g, e.namespace),
        ),
      };
    }),
    destinationRules: byCreation(input.destinationRules).map((dr, i) => {
      const e = entry<DestinationRuleSpec>(dr, i);
      return { ...e, host: qualifyConfigHost(e.spec.host ?? "", e.namespace) };
    }),
    serviceEntries: byCreation(input.serviceEntries).map((se, i) => {
      const e = entry<ServiceEntrySpec>(se, i);
      return { ...e, hosts: (e.spec.hosts ?? []).map((h) => qualifyConfigHost(h, e.namespace)) };
    }),
    gateways,
    peerAuthentications: byCreation(input.peerAuthentications).map((pa, i) => entry<PeerAuthenticationSpec>(pa, i)),
    authorizationPolicies: byCreation(input.authorizationPolicies).map((ap, i) =>
      entry<AuthorizationPolicySpec>(ap, i),
    ),
    mesh: readMeshConfig(input.configMaps, rootNamespace),
  };
}
