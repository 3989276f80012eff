import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import {
  defaultTrafficRates,
  formatGraphQuery,
  graphResponseSchema,
  type GraphFormat,
  type GraphResponse,
  type GraphType,
  type TrafficRates,
} from "@/lib/contracts/graph";
import { metricsResponseSchema } from "@/lib/contracts/metrics";
import { nodeGraphUrl, type GraphNodeTarget } from "@/lib/contracts/node-graph";
import { formatNodeTarget } from "@/lib/graph-view/node-target";
import type { NodeMetricsTarget } from "@/lib/graph-view/node-metrics-target";
import { markPaint } from "@/lib/graph-view/paint-marks";
import { toViewGraph, type ViewGraph } from "@/lib/graph-view/view-model";
import { fetchJson } from "./fetch-json";

export interface GraphParams {
  namespaces: string[];
  graphType: GraphType;
  /** Window, seconds. */
  duration: number;
  idleNodes: boolean;
  /** The Traffic menu's choices; absent: Kiali's defaults. */
  rates?: TrafficRates;
  /**
   * A node graph instead of the namespaces': the node, its callers and what it calls
   * (focus mode, the detail pages' mini-graphs). Its namespace is the node's.
   */
  node?: GraphNodeTarget;
}

export const graphKeys = {
  all: ["graph"] as const,
  view: (p: GraphParams) =>
    [
      ...graphKeys.all,
      [...p.namespaces].sort().join(","),
      p.graphType,
      p.duration,
      p.idleNodes,
      ...ratesOf(p),
      p.node ? formatNodeTarget(p.node) : "",
    ] as const,
  nodeMetrics: (t: NodeMetricsTarget) =>
    [...graphKeys.all, "node-metrics", t.kind, t.namespace, t.name, t.range] as const,
};

const ratesOf = (p: GraphParams) => {
  const r = p.rates ?? defaultTrafficRates;
  return [r.http, r.grpc, r.tcp] as const;
};

/** The view's graph API URL; `format` asks for a file (DOT) instead of the JSON the page reads. */
export const graphUrl = (p: GraphParams, format?: GraphFormat) => {
  const [rateHttp, rateGrpc, rateTcp] = ratesOf(p);
  const options = {
    graphType: p.graphType,
    duration: p.duration,
    responseTime: "95",
    rateHttp,
    rateGrpc,
    rateTcp,
    ...(format ? { format } : {}),
  } as const;
  // A node graph has no idle nodes: it is about one node's traffic.
  if (p.node) return nodeGraphUrl(p.node, options);
  return `/api/namespaces/graph?${formatGraphQuery({ ...options, namespaces: p.namespaces, idleNodes: p.idleNodes })}`;
};

/** toViewGraph, marked for the first-paint bench (lib/graph-view/paint-marks.ts). */
function toMarkedViewGraph(response: GraphResponse): ViewGraph {
  markPaint("view-model-start");
  const graph = toViewGraph(response);
  markPaint("view-model-done");
  return graph;
}

export const emptyGraphRetryMs = 10_000;

/**
 * `refreshMs` 0 = no polling (except while the graph is empty). Without namespaces or a node
 * there is nothing to ask.
 */
export const graphQuery = (p: GraphParams, refreshMs = 0) =>
  queryOptions({
    queryKey: graphKeys.view(p),
    queryFn: ({ signal }) => fetchJson(graphUrl(p), graphResponseSchema, { signal }),
    enabled: p.namespaces.length > 0 || p.node !== undefined,
    // With refresh off, an empty graph is still asked again: "no traffic yet" usually ends
    // within a scrape or two, and the user should not have to know to press refresh.
    refetchInterval: (query) =>
      refreshMs > 0 ? refreshMs : query.state.data?.elements.nodes.length === 0 ? emptyGraphRetryMs : false,
    // Keep the old picture while the next window loads, so the canvas never flashes empty.
    placeholderData: keepPreviousData,
    // One conversion per answer (a stable function: TanStack memoises the result).
    select: toMarkedViewGraph,
  });

export function useGraph(p: GraphParams, refreshMs = 0) {
  return useQuery(graphQuery(p, refreshMs));
}

/** The side panel's chart: inbound range series of the selected node (detail-page metrics API). */
export const nodeMetricsQuery = (t: NodeMetricsTarget) =>
  queryOptions({
    queryKey: graphKeys.nodeMetrics(t),
    queryFn: ({ signal }) =>
      fetchJson(
        `/api/namespaces/${encodeURIComponent(t.namespace)}/${t.kind}/${encodeURIComponent(t.name)}/metrics?direction=inbound&range=${t.range}`,
        metricsResponseSchema,
        { signal },
      ),
    staleTime: 30_000,
  });

export function useNodeMetrics(target: NodeMetricsTarget | null) {
  return useQuery({
    ...nodeMetricsQuery(target ?? { kind: "applications", namespace: "-", name: "-", range: 300 }),
    enabled: target !== null,
  });
}
