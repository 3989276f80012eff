/**
 * The immutable routing snapshot the router and the engine read: the cluster state a
 * proxy's xDS configuration is derived from (services, their pods, and the Istio objects
 * that shape routing), resolved once per change so each request costs a few map lookups.
 */
import type {
  AuthorizationPolicySpec,
  DestinationRuleSpec,
  GatewaySpec,
  PeerAuthenticationSpec,
  ServiceEntrySpec,
  VirtualServiceSpec,
} from "@/lib/istio/types";
import type { MeshConfig } from "./mesh-config";

export type Protocol = "http" | "grpc" | "tcp";

/** A workload as telemetry names it; shared by all pods of one workload. */
export interface WorkloadIdentity {
  /** `namespace/workload`, the key of caches and of behaviour overrides. */
  key: string;
  workload: string;
  namespace: string;
  app: string;
  version: string;
  canonicalService: string;
  canonicalRevision: string;
  principal: string;
}

export interface PodInfo {
  name: string;
  namespace: string;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  identity: WorkloadIdentity;
  serviceAccount: string;
  /** Has an `istio-proxy` container: its inbound traffic is reported and its outbound routed. */
  hasSidecar: boolean;
  /** A standalone Envoy (ingress/egress gateway): routes and reports as `source` only. */
  isGateway: boolean;
  ready: boolean;
  /** status.podIP; absent until the pod is scheduled (access logs then print `-`). */
  ip?: string;
  /** Owning Deployment's annotations (the synthetic mesh's `sim.topsail.dev/calls`). */
  workloadAnnotations: Readonly<Record<string, string>>;
}

export interface ServicePortInfo {
  name: string;
  port: number;
  targetPort: number;
  protocol: Protocol;
}

export interface ServiceInfo {
  name: string;
  namespace: string;
  fqdn: string;
  /**
   * spec.clusterIP ("" or `None` when there is none): one of the service's route domains, and
   * the address an outbound access-log line was dialed at.
   */
  clusterIp: string;
  ports: ServicePortInfo[];
  selector: Readonly<Record<string, string>>;
  /** Ready pods selected by the service, in a stable order. */
  pods: PodInfo[];
}

export interface ConfigEntry<Spec> {
  name: string;
  namespace: string;
  spec: Spec;
  /** Creation order: older config wins ties, as istiod sorts by creation time. */
  order: number;
}

export interface VirtualServiceEntry extends ConfigEntry<VirtualServiceSpec> {
  /** Hosts qualified relative to the VirtualService's namespace. */
  hosts: string[];
  /** `namespace/name` of bound gateways, or `mesh` for sidecars. */
  gateways: string[];
}

export interface DestinationRuleEntry extends ConfigEntry<DestinationRuleSpec> {
  host: string;
}

export interface ServiceEntryEntry extends ConfigEntry<ServiceEntrySpec> {
  hosts: string[];
}

export type GatewayEntry = ConfigEntry<GatewaySpec>;
export type PeerAuthenticationEntry = ConfigEntry<PeerAuthenticationSpec>;
export type AuthorizationPolicyEntry = ConfigEntry<AuthorizationPolicySpec>;

export interface ConfigSnapshot {
  /** Increases with every rebuild. */
  version: number;
  rootNamespace: string;
  services: ReadonlyMap<string, ServiceInfo>;
  pods: readonly PodInfo[];
  virtualServices: readonly VirtualServiceEntry[];
  destinationRules: readonly DestinationRuleEntry[];
  serviceEntries: readonly ServiceEntryEntry[];
  gateways: ReadonlyMap<string, GatewayEntry>;
  peerAuthentications: readonly PeerAuthenticationEntry[];
  /** In creation order; which apply to a workload: authorize-request.ts. */
  authorizationPolicies: readonly AuthorizationPolicyEntry[];
  /** The `istio` ConfigMap's mesh settings the data plane follows (mesh-config.ts). */
  mesh: MeshConfig;
}

export const UNKNOWN = "unknown";

export function labelsMatch(
  selector: Readonly<Record<string, string>> | undefined,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (!selector) return true;
  for (const key in selector) if (labels[key] !== selector[key]) return false;
  return true;
}

export function principalOf(namespace: string, serviceAccount: string): string {
  return `spiffe://cluster.local/ns/${namespace}/sa/${serviceAccount}`;
}
