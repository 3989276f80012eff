/** Terse builders of hand-written graph windows for the comparison's tests. */
import type { GraphEdgeData, GraphNodeData, GraphResponse } from "@/lib/contracts/graph";

// Hand-written Bookinfo windows: ids are the app/version names, as stable as the engine's hashes.
export const app = (name: string, version: string, parent?: string): { data: GraphNodeData } => ({
  data: {
    id: `${name}-${version}`,
    ...(parent ? { parent } : {}),
    nodeType: "app",
    cluster: "c1",
    namespace: "bookinfo",
    app: name,
    version,
  },
});

export interface EdgeSpec {
  rate: number;
  share?: number;
  errPct?: number;
  p95?: number;
  mtls?: number;
  responses?: Record<string, Record<string, number>>;
  protocol?: "http" | "tcp";
}

export function edge(source: string, target: string, s: EdgeSpec): { data: GraphEdgeData } {
  const protocol = s.protocol ?? "http";
  const rates: Record<string, string> = { [protocol]: s.rate.toFixed(2) };
  if (s.share !== undefined) rates[`${protocol}PercentReqOfService`] = s.share.toFixed(1);
  if (s.errPct !== undefined) rates.httpPercentErr = s.errPct.toFixed(1);
  const responses = Object.fromEntries(
    Object.entries(s.responses ?? (protocol === "http" ? { "200": { "-": 100 } } : { "-": { "-": 100 } })).map(
      ([code, flags]) => [
        code,
        { flags: Object.fromEntries(Object.entries(flags).map(([f, pct]) => [f, pct.toFixed(1)])), hosts: {} },
      ],
    ),
  );
  return {
    data: {
      id: `${source}>${target}`,
      source,
      target,
      ...(s.p95 !== undefined ? { responseTime: s.p95.toFixed(2) } : {}),
      ...(s.mtls !== undefined ? { isMTLS: String(s.mtls) } : {}),
      traffic: { protocol, rates, responses },
    },
  };
}

export const graph = (
  timestamp: number,
  nodes: { data: GraphNodeData }[],
  edges: { data: GraphEdgeData }[],
): GraphResponse => ({ timestamp, duration: 300, graphType: "versionedApp", elements: { nodes, edges } });

/** An app box, as the engine draws one around an app's versions. */
export const box = (name: string): { data: GraphNodeData } => ({
  data: { id: `box-${name}`, nodeType: "box", isBox: "app", cluster: "c1", namespace: "bookinfo", app: name },
});
