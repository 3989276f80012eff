/**
 * istiod's `GET /debug/syncz` answer (pilot/pkg/xds/debug.go's SyncStatus), built from the routing snapshot: one
 * entry per proxy istiod serves — every pod with a sidecar and every gateway — with the nonce istiod last sent and
 * the one the proxy last acked for each xDS type, plus the per-type-URL `resources` map of the types the proxy
 * subscribed to. Sidecars and gateways here subscribe to CDS, LDS, EDS and RDS; ECDS (Wasm and other extension
 * configs) is not watched, so it is absent from `resources` and its sent/acked fields are left out (Go's omitempty).
 *
 * A nonce is the push version (config-dump.ts `pushVersion`) followed by a UUID, as istiod's; here the UUID is
 * derived from the version so that a proxy that acked a push carries exactly the nonce istiod sent.
 */
import { createHash } from "node:crypto";
import type { ConfigSnapshot, PodInfo } from "@/lib/istio/routing/snapshot";
import { pushVersion } from "../envoy/config-dump";
import type { ProxySync } from "./proxy-sync";

export const ISTIO_VERSION = "1.24.2";
export const CLUSTER_ID = "Kubernetes";

/** The xDS types a sidecar or gateway subscribes to, with the field prefix syncz uses for each. */
const WATCHED_TYPES = [
  { prefix: "cluster", typeUrl: "type.googleapis.com/envoy.config.cluster.v3.Cluster" },
  { prefix: "listener", typeUrl: "type.googleapis.com/envoy.config.listener.v3.Listener" },
  { prefix: "endpoint", typeUrl: "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment" },
  { prefix: "route", typeUrl: "type.googleapis.com/envoy.config.route.v3.RouteConfiguration" },
] as const;

export interface SyncResourceStatus {
  sent: string;
  acked: string;
  sentTime: string;
  lastError?: string;
}

export type SyncStatus = {
  cluster_id: string;
  proxy: string;
  proxy_type: "sidecar" | "router";
  proxy_version: string;
  istio_version: string;
  resources: Record<string, SyncResourceStatus>;
} & Partial<Record<`${(typeof WATCHED_TYPES)[number]["prefix"]}_${"sent" | "acked"}`, string>>;

/** When istiod pushed each config version it has served (the push time is part of the nonce). */
export interface PushClock {
  pushedAt(version: number): Date;
}

function nonceOf(version: number, pushedAt: Date): string {
  const hex = createHash("sha256").update(`push:${version}`).digest("hex");
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return `${pushVersion({ version }, pushedAt)}-${uuid}`;
}

function syncStatusOf(snapshot: ConfigSnapshot, proxy: PodInfo, sync: ProxySync, clock: PushClock): SyncStatus {
  const sentAt = clock.pushedAt(snapshot.version);
  const sent = nonceOf(snapshot.version, sentAt);
  const ackedVersion = sync.ackedVersion(proxy.namespace, proxy.name);
  // Version 0 was never pushed: a proxy stale since the first push has acked nothing.
  const acked =
    ackedVersion === undefined ? sent : ackedVersion < 1 ? "" : nonceOf(ackedVersion, clock.pushedAt(ackedVersion));
  const status: SyncStatus = {
    cluster_id: CLUSTER_ID,
    proxy: `${proxy.name}.${proxy.namespace}`,
    proxy_type: proxy.isGateway ? "router" : "sidecar",
    proxy_version: ISTIO_VERSION,
    istio_version: ISTIO_VERSION,
    resources: {},
  };
  for (const { prefix, typeUrl } of WATCHED_TYPES) {
    status[`${prefix}_sent`] = sent;
    if (acked !== "") status[`${prefix}_acked`] = acked;
    status.resources[typeUrl] = { sent, acked, sentTime: sentAt.toISOString() };
  }
  return status;
}

/** Every proxy's sync status, in the snapshot's pod order; `namespace` narrows it as `?namespace=` does. */
export function buildSyncz(
  snapshot: ConfigSnapshot,
  sync: ProxySync,
  clock: PushClock,
  namespace?: string,
): SyncStatus[] {
  return snapshot.pods
    .filter((p) => (p.hasSidecar || p.isGateway) && (namespace === undefined || p.namespace === namespace))
    .map((p) => syncStatusOf(snapshot, p, sync, clock));
}
