/**
 * How Istio treats a Service port (istio.io, "Protocol Selection"): by its `appProtocol`, else by
 * its name's prefix (`http-web` → http, `tcp-db` → tcp); a port that declares neither has its
 * protocol detected per connection (HTTP if it looks like HTTP, TCP otherwise). Istio does not
 * proxy UDP or SCTP. A VirtualService's `tcp` rules apply to TCP ports, to TLS ports whose
 * `tls` rules do not match, and to detected ports' non-HTTP connections.
 */
export const portTrafficKinds = ["http", "tcp", "detected", "unproxied"] as const;
export type PortTraffic = (typeof portTrafficKinds)[number];

/** Declared protocols, as data: a new protocol is a new row. */
const declared: Record<string, "http" | "tcp"> = {
  http: "http",
  http2: "http",
  grpc: "http",
  "grpc-web": "http",
  "kubernetes.io/h2c": "http",
  https: "tcp",
  tls: "tcp",
  tcp: "tcp",
  mongo: "tcp",
  mysql: "tcp",
  redis: "tcp",
};

export function portTrafficOf(port: { name?: string; protocol?: string; appProtocol?: string }): PortTraffic {
  const l4 = (port.protocol ?? "TCP").toUpperCase();
  if (l4 === "UDP" || l4 === "SCTP") return "unproxied";
  const app = port.appProtocol?.toLowerCase();
  if (app) return declared[app] ?? "detected";
  const name = port.name?.toLowerCase() ?? "";
  return declared[name] ?? declared[name.split("-")[0] ?? ""] ?? "detected";
}

/** Whether TCP rules (TCP traffic shifting) can route any of these ports' connections. */
export const carriesTcp = (ports: readonly { traffic: PortTraffic }[]): boolean =>
  ports.some((p) => p.traffic === "tcp" || p.traffic === "detected");
