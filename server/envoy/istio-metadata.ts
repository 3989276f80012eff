/**
 * What Istio writes into Envoy's names and metadata, read back: the Istio object behind a cluster or route
 * (`filter_metadata.istio.config`, e.g. `/apis/networking.istio.io/v1/namespaces/bookinfo/virtual-service/reviews`)
 * and the parts of a cluster name (`outbound|9080|v2|reviews.bookinfo.svc.cluster.local`).
 */
import "server-only";
import type { IstioObjectRef } from "@/lib/contracts/envoy";

const configPath = /^\/apis\/[^/]+\/[^/]+\/namespaces\/([^/]+)\/([^/]+)\/([^/]+)$/;

/** `virtual-service` → `VirtualService`. */
const kindOf = (segment: string) =>
  segment
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");

export function istioObjectOf(metadata: { filter_metadata?: Record<string, Record<string, unknown>> } | undefined) {
  const config = metadata?.filter_metadata?.istio?.config;
  if (typeof config !== "string") return undefined;
  const match = configPath.exec(config);
  if (!match) return undefined;
  const [, namespace = "", kind = "", name = ""] = match;
  const ref: IstioObjectRef = { kind: kindOf(kind), namespace, name };
  return ref;
}

export interface ClusterName {
  direction: "inbound" | "outbound" | "other";
  port?: number;
  subset?: string;
  host?: string;
}

/** Istio's `direction|port|subset|host`; any other name (PassthroughCluster, xds-grpc…) is "other". */
export function parseClusterName(name: string): ClusterName {
  const parts = name.split("|");
  const [direction, port, subset, host] = parts;
  if (parts.length !== 4 || (direction !== "inbound" && direction !== "outbound")) return { direction: "other" };
  const portNumber = Number(port);
  return {
    direction,
    ...(Number.isInteger(portNumber) && port !== "" ? { port: portNumber } : {}),
    ...(subset ? { subset } : {}),
    ...(host ? { host } : {}),
  };
}
