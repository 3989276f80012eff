/**
 * The choices the graph toolbar offers, as tables: adding a window or a refresh interval
 * is adding a row. The URL stores `value`; the toolbar shows `label`.
 */
import type { GraphType, GrpcRate, HttpRate, TcpRate } from "@/lib/contracts/graph";

export interface Option<V extends string | number> {
  value: V;
  label: string;
}

export const graphTypeOptions: Option<GraphType>[] = [
  { value: "versionedApp", label: "Versioned app" },
  { value: "app", label: "App" },
  { value: "workload", label: "Workload" },
  { value: "service", label: "Service" },
];

/** Windows in seconds, as Kiali offers them (the API accepts 30 s to 1 d). */
export const windowOptions: Option<number>[] = [
  { value: 60, label: "Last 1m" },
  { value: 300, label: "Last 5m" },
  { value: 600, label: "Last 10m" },
  { value: 1800, label: "Last 30m" },
  { value: 3600, label: "Last 1h" },
  { value: 10_800, label: "Last 3h" },
  { value: 21_600, label: "Last 6h" },
  { value: 86_400, label: "Last 1d" },
];

/** Refresh intervals in milliseconds; 0 means no automatic refresh. */
export const refreshOptions: Option<number>[] = [
  { value: 0, label: "Refresh off" },
  { value: 10_000, label: "Every 10s" },
  { value: 30_000, label: "Every 30s" },
  { value: 60_000, label: "Every 1m" },
];

export const edgeLabelModes = [
  "none",
  "requestRate",
  "trafficPercent",
  "trafficPercentOfService",
  "responseTime",
  "throughput",
] as const;
export type EdgeLabelMode = (typeof edgeLabelModes)[number];

export const edgeLabelOptions: Option<EdgeLabelMode>[] = [
  { value: "none", label: "No edge labels" },
  { value: "requestRate", label: "Request rate" },
  { value: "trafficPercent", label: "Traffic % (of the source's)" },
  { value: "trafficPercentOfService", label: "Traffic % of service (canary split)" },
  { value: "responseTime", label: "Response time (p95)" },
  { value: "throughput", label: "Throughput" },
];

/** Kiali's Traffic menu: what each protocol's edges count (lib/contracts/graph.ts has the metrics). */
export const httpRateOptions: Option<HttpRate>[] = [
  { value: "requests", label: "Requests" },
  { value: "none", label: "Off" },
];
export const grpcRateOptions: Option<GrpcRate>[] = [
  { value: "requests", label: "Requests" },
  { value: "sent", label: "Sent messages" },
  { value: "received", label: "Received messages" },
  { value: "total", label: "Total messages" },
  { value: "none", label: "Off" },
];
export const tcpRateOptions: Option<TcpRate>[] = [
  { value: "sent", label: "Sent bytes" },
  { value: "received", label: "Received bytes" },
  { value: "total", label: "Total bytes" },
  { value: "none", label: "Off" },
];

export function labelOf<V extends string | number>(options: Option<V>[], value: V): string {
  return options.find((o) => o.value === value)?.label ?? String(value);
}
