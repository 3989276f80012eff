/**
 * What the API server's `pods/portforward` needs from the rest of the simulator: kubelet's
 * side of port-forward, which dials localhost:<port> inside the pod's network namespace.
 * sim/index.ts supplies it (today the proxies' Envoy admin API, sim/mesh/envoy); the API
 * server only knows this interface, never the mesh. Also kubelet's words when nothing listens,
 * which every port-forward transport (serve-port-forward.ts, port-forward-spdy.ts) sends.
 */
import { createHash } from "node:crypto";
import type { Duplex } from "node:stream";
import type { PortForwardTarget } from "./port-forward-request";

export interface PodPorts {
  /** One TCP connection to the pod's port, or undefined when nothing listens there (connection refused). */
  connect(namespace: string, pod: string, port: number): Duplex | undefined;
}

/**
 * Kubelet's (containerd's) refusal, naming the pod sandbox by a stable id derived from the
 * pod's uid; the `uid` slot is empty in what real clusters print, and so it is here.
 */
export function connectionRefusedText(target: PortForwardTarget, port: number): string {
  const sandbox = createHash("sha256")
    .update(`sandbox:${target.uid || target.namespace + "/" + target.pod}`)
    .digest("hex");
  const netns = `cni-${sandbox.slice(0, 8)}-${sandbox.slice(8, 12)}-${sandbox.slice(12, 16)}-${sandbox.slice(16, 20)}-${sandbox.slice(20, 32)}`;
  return (
    `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace ` +
    `"/var/run/netns/${netns}": failed to connect to localhost:${port} inside namespace "${sandbox}", ` +
    `IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused ` +
    `IPv6 dial tcp6 [::1]:${port}: connect: connection refused `
  );
}
