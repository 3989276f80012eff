/**
 * What the API server's `pods/portforward` needs from the rest of the simulator: kubelet's
 * side of port-forward, which dials localhost:<port> inside the pod's network namespace.
 * sim/index.ts supplies it (today the proxies' Envoy admin API, sim/mesh/envoy); the API
 * server only knows this interface, never the mesh.
 */
import type { Duplex } from "node:stream";

export interface PodPorts {
  /** One TCP connection to the pod's port, or undefined when nothing listens there (connection refused). */
  connect(namespace: string, pod: string, port: number): Duplex | undefined;
}
