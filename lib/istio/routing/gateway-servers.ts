/**
 * Which Gateway servers a gateway pod serves on one of its container ports. A server's
 * `port.number` may name the gateway Service's port (80) rather than the pod's (8080):
 * istiod then listens on that Service port's targetPort, so both spellings land on the
 * same listener.
 */
import type { GatewayServer } from "@/lib/istio/types";
import { hostMatches } from "./hosts";
import { labelsMatch, type ConfigSnapshot, type PodInfo } from "./snapshot";

export interface ServedServer {
  /** `namespace/name` of the Gateway. */
  gateway: string;
  /** The server's index in the Gateway's `servers` (`spec/servers/<index>`). */
  index: number;
  server: GatewayServer;
}

/** The container ports a server port number means on this pod: itself, or the targetPort of a Service port. */
export function containerPortsOf(snapshot: ConfigSnapshot, pod: PodInfo, number: number): Set<number> {
  const ports = new Set<number>();
  for (const service of snapshot.services.values()) {
    if (service.namespace !== pod.namespace || !labelsMatch(service.selector, pod.labels)) continue;
    for (const port of service.ports) if (port.port === number) ports.add(port.targetPort);
  }
  if (ports.size === 0) ports.add(number);
  return ports;
}

export function serversOn(snapshot: ConfigSnapshot, pod: PodInfo, containerPort: number): ServedServer[] {
  const out: ServedServer[] = [];
  for (const [key, gateway] of snapshot.gateways) {
    if (!gateway.spec.selector || !labelsMatch(gateway.spec.selector, pod.labels)) continue;
    for (const [index, server] of (gateway.spec.servers ?? []).entries()) {
      const number = server.port?.number;
      if (number !== undefined && containerPortsOf(snapshot, pod, number).has(containerPort))
        out.push({ gateway: key, index, server });
    }
  }
  return out;
}

/** A server's hosts without their `namespace/` prefix (what goes into Envoy's domains and server_names). */
export function serverHosts(server: GatewayServer): string[] {
  return (server.hosts ?? []).map((h) => h.split("/").pop() ?? h);
}

export function serverAccepts(server: GatewayServer, host: string): boolean {
  return serverHosts(server).some((h) => hostMatches(h, host));
}

/**
 * The servers of a gateway pod that accept `host` on a container port, Gateways in creation
 * order and servers in their order: the first is the one the explainer names, and every one's
 * Gateway binds VirtualServices for the request.
 */
export function acceptingServers(
  snapshot: ConfigSnapshot,
  pod: PodInfo,
  containerPort: number,
  host: string,
): ServedServer[] {
  return serversOn(snapshot, pod, containerPort).filter(({ server }) => serverAccepts(server, host));
}

/** `namespace/name` of the Gateways selecting this pod with a server on `containerPort` for `host`. */
export function gatewaysAccepting(
  snapshot: ConfigSnapshot,
  pod: PodInfo,
  containerPort: number,
  host: string,
): string[] {
  return [...new Set(acceptingServers(snapshot, pod, containerPort, host).map((s) => s.gateway))];
}
