/**
 * istiod's `GET /debug/syncz` on its monitoring port 15014 (pilot/pkg/xds/debug.go), read through a port-forward
 * (pod-port-json.ts) as `istioctl proxy-status` reads it: istiod answers its debug endpoints without authentication
 * only to loopback callers, which a forwarded connection is. The answer is reshaped here into what istiod sent and
 * each proxy acked per xDS type; deciding SYNCED or STALE is server/mesh's business.
 */
import "server-only";
import { z } from "zod";
import { TopsailError } from "@/server/errors";
import type { KubeConnection } from "./kube-connection";
import { fetchPodPortJson } from "./pod-port-json";

export const ISTIOD_MONITORING_PORT = 15014;

export const XDS_TYPES = ["CDS", "LDS", "EDS", "RDS", "ECDS"] as const;
export type XdsType = (typeof XDS_TYPES)[number];

/** Each xDS type: its field prefix in syncz's flat fields and its type URL in `resources`. */
const TYPE_FIELDS: Record<XdsType, { prefix: string; typeUrl: string }> = {
  CDS: { prefix: "cluster", typeUrl: "type.googleapis.com/envoy.config.cluster.v3.Cluster" },
  LDS: { prefix: "listener", typeUrl: "type.googleapis.com/envoy.config.listener.v3.Listener" },
  EDS: { prefix: "endpoint", typeUrl: "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment" },
  RDS: { prefix: "route", typeUrl: "type.googleapis.com/envoy.config.route.v3.RouteConfiguration" },
  ECDS: { prefix: "extensionconfig", typeUrl: "type.googleapis.com/envoy.config.core.v3.TypedExtensionConfig" },
};

const resourceSchema = z.looseObject({
  sent: z.string().optional(),
  acked: z.string().optional(),
  sentTime: z.string().optional(),
  lastError: z.string().optional(),
});

/** Go's omitempty leaves out every empty field, so all are optional. */
const syncStatusSchema = z.looseObject({
  cluster_id: z.string().optional(),
  proxy: z.string(),
  proxy_type: z.string().optional(),
  istio_version: z.string().optional(),
  resources: z.record(z.string(), resourceSchema).optional(),
});
const synczSchema = z.array(syncStatusSchema);

export interface XdsTypeSync {
  /** The nonce istiod last sent; "" when it never sent this type. */
  sent: string;
  /** The nonce the proxy last acknowledged; "" when it never did. */
  acked: string;
  /** Whether the proxy subscribed to the type; undefined when istiod does not say (before `resources`). */
  watched?: boolean;
  lastError?: string;
  sentTime?: string;
}

export interface ProxySyncStatus {
  /** syncz names a proxy `<pod>.<namespace>`. */
  pod: string;
  namespace: string;
  clusterId: string;
  proxyType: string;
  istioVersion: string;
  types: Record<XdsType, XdsTypeSync>;
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** syncz's JSON → one ProxySyncStatus per proxy; throws a ZodError when it is not syncz's shape. */
export function parseSyncz(json: unknown): ProxySyncStatus[] {
  return synczSchema.parse(json).map((entry) => {
    const dot = entry.proxy.lastIndexOf(".");
    const types = {} as Record<XdsType, XdsTypeSync>;
    for (const type of XDS_TYPES) {
      const { prefix, typeUrl } = TYPE_FIELDS[type];
      const resource = entry.resources?.[typeUrl];
      types[type] = {
        sent: resource?.sent ?? text(entry[`${prefix}_sent`]),
        acked: resource?.acked ?? text(entry[`${prefix}_acked`]),
        ...(entry.resources ? { watched: resource !== undefined } : {}),
        ...(resource?.lastError ? { lastError: resource.lastError } : {}),
        ...(resource?.sentTime ? { sentTime: resource.sentTime } : {}),
      };
    }
    return {
      pod: dot < 0 ? entry.proxy : entry.proxy.slice(0, dot),
      namespace: dot < 0 ? "" : entry.proxy.slice(dot + 1),
      clusterId: entry.cluster_id ?? "",
      proxyType: entry.proxy_type ?? "",
      istioVersion: entry.istio_version ?? "",
      types,
    };
  });
}

export async function readIstiodSyncz(
  connection: KubeConnection,
  istiod: { namespace: string; pod: string },
  timeoutMs: number,
): Promise<ProxySyncStatus[]> {
  const where = `istiod (pod ${istiod.namespace}/${istiod.pod})`;
  const json = await fetchPodPortJson(connection, {
    ...istiod,
    port: ISTIOD_MONITORING_PORT,
    path: "/debug/syncz",
    where,
    timeoutMs,
  });
  try {
    return parseSyncz(json);
  } catch (error) {
    const issue = error instanceof z.ZodError ? error.issues[0] : undefined;
    throw new TopsailError(
      "proxy_unreachable",
      `${where} answered /debug/syncz with something that is not a sync status list${issue ? ` (${issue.path.join(".")}: ${issue.message})` : ""}.`,
      { cause: error },
    );
  }
}
