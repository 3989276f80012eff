"use client";

import { formatBytesPerSecond, formatPercent, formatRate } from "@/lib/graph-view/edge-labels";
import Link from "next/link";
import { nodeDetailPages } from "@/lib/graph-view/node-detail";
import { failingOutboundEdges, nodeFlagExplanationTarget } from "@/lib/graph-view/flag-explanation-target";
import { nodeMetricsTarget } from "@/lib/graph-view/node-metrics-target";
import type { ViewEdge, ViewGraph, ViewNode } from "@/lib/graph-view/view-model";
import { isOutboundPolicyCluster, outboundPolicyClusters } from "@/lib/istio/outbound-clusters";
import { BoxTrafficSection } from "./box-traffic-section";
import { healthRows } from "./graph-styles";
import { NodeFlagExplanationSection } from "./node-flag-explanation-section";
import { NodeTraces } from "./node-traces";
import { BadgeList, DetailLinks, Facts, HealthText, PanelSection, inaccessibleText, pageHref } from "./panel-parts";
import { RatesChart, type RateBar } from "./rates-chart";
import { SeriesChart } from "./series-chart";
import { useNodeMetrics } from "@/lib/queries/graph";
import { changeTargetKindOf } from "@/lib/contracts/changes";
import { ChartsWithChanges } from "@/components/changes/charts-with-changes";

const kindLabel: Record<ViewNode["kind"], string> = {
  app: "App",
  versionedApp: "Versioned app",
  workload: "Workload",
  service: "Service",
  unknown: "Unknown source",
  aggregate: "Aggregate",
  box: "App (all versions)",
};

function inboundBars(n: ViewNode): RateBar[] {
  const c = n.rates.httpInByClass;
  return [
    { name: "2xx", value: c["2xx"], colour: healthRows.healthy.colour },
    { name: "3xx", value: c["3xx"], colour: "#0369a1" },
    { name: "4xx", value: c["4xx"], colour: healthRows.degraded.colour },
    { name: "5xx", value: c["5xx"], colour: healthRows.failure.colour },
    { name: "none", value: c.noResponse, colour: "#475569" },
  ];
}

function InboundOverTime({ node, windowSeconds }: { node: ViewNode; windowSeconds: number }) {
  const target = nodeMetricsTarget(node, windowSeconds);
  const metrics = useNodeMetrics(target);
  if (!target) return null;
  const chart = metrics.data?.charts.find((c) => c.id === "requestRate");
  return (
    <PanelSection title={`Inbound requests/s, last ${Math.round(target.range / 60)} min`}>
      {metrics.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {metrics.isError && <p className="text-sm text-bad">Cannot load the chart: {metrics.error.message}</p>}
      {chart?.error && <p className="text-sm text-bad">{chart.error}</p>}
      {chart && !chart.error && (
        <ChartsWithChanges
          params={{
            namespace: target.namespace,
            target: { kind: changeTargetKindOf[target.kind], name: target.name },
            window: { last: target.range },
          }}
        >
          {(markers, onMarkerSelect) => (
            <SeriesChart
              chart={chart}
              label={`Inbound requests per second of ${node.title} over time`}
              markers={markers}
              onMarkerSelect={onMarkerSelect}
            />
          )}
        </ChartsWithChanges>
      )}
    </PanelSection>
  );
}

function EdgeLinks({
  title,
  edges,
  graph,
  end,
  onSelectEdge,
}: {
  title: string;
  edges: ViewEdge[];
  graph: ViewGraph;
  end: "source" | "target";
  onSelectEdge: (id: string) => void;
}) {
  if (edges.length === 0) return null;
  return (
    <PanelSection title={title}>
      <ul className="space-y-1 text-sm">
        {edges.map((e) => (
          <li key={e.id}>
            <button
              type="button"
              onClick={() => onSelectEdge(e.id)}
              className="flex w-full justify-between gap-2 rounded px-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              <span className="truncate">{graph.nodeById.get(e[end])?.title ?? e[end]}</span>
              <span className="font-mono tabular-nums">
                {e.protocol === "tcp" ? formatBytesPerSecond(e.rate) : `${formatRate(e.rate)} rps`}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </PanelSection>
  );
}

export function NodePanel({
  node,
  graph,
  onSelectEdge,
}: {
  node: ViewNode;
  graph: ViewGraph;
  onSelectEdge: (id: string) => void;
}) {
  const inbound = graph.edges.filter((e) => e.target === node.id);
  const outbound = graph.edges.filter((e) => e.source === node.id);
  const r = node.rates;
  const [page] = nodeDetailPages(node);
  // An inaccessible node (its namespace's workloads are not the viewer's to read) shows what the
  // graph measured and nothing fetched from the pages it would open: no links (node-detail.ts),
  // no chart of the node's metrics or its changes, no traces, as Kiali's panel shows no traces.
  const readable = !node.isInaccessible;
  // The explanation reads the namespace's config: not for a node the viewer may not read.
  const flagsQuery = readable ? nodeFlagExplanationTarget(node, graph) : undefined;
  // A caller's errors are on its outbound edges: each edge's panel explains its own.
  const failingCalls = failingOutboundEdges(node, graph);
  const rateRows: [string, string][] = [
    ["HTTP in", `${formatRate(r.httpIn)} rps`],
    ["HTTP out", `${formatRate(r.httpOut)} rps`],
    ["HTTP errors in", formatPercent(r.httpInErrPct)],
  ];
  if (r.grpcIn || r.grpcOut)
    rateRows.push(["gRPC in", `${formatRate(r.grpcIn)} rps`], ["gRPC out", `${formatRate(r.grpcOut)} rps`]);
  if (r.tcpIn || r.tcpOut)
    rateRows.push(["TCP in", formatBytesPerSecond(r.tcpIn)], ["TCP out", formatBytesPerSecond(r.tcpOut)]);

  return (
    <article aria-label={`Details of ${node.title}`} className="space-y-4" data-testid="node-panel">
      <header className="space-y-1">
        <h2 className="text-lg font-semibold break-words">
          {page ? (
            // The title opens the node's own page, as in Kiali's side panel; the others are listed below.
            <Link href={pageHref(page)} className="text-sky-700 underline dark:text-sky-400">
              {node.title}
            </Link>
          ) : (
            node.title
          )}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {kindLabel[node.kind]} in <span className="font-mono">{node.namespace}</span>
        </p>
        <HealthText status={node.health} />
        {node.isInaccessible && (
          <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="node-inaccessible">
            {inaccessibleText(node.namespace)}
          </p>
        )}
        <DetailLinks pages={nodeDetailPages(node)} />
        {node.healthReasons.length > 0 && (
          <ul className="list-disc pl-5 text-sm text-slate-700 dark:text-slate-300">
            {node.healthReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
      </header>
      {node.kind === "service" && isOutboundPolicyCluster(node.service) && (
        <PanelSection title="Outbound traffic policy">
          <p className="text-sm" data-testid="outbound-policy">
            {outboundPolicyClusters[node.service].meaning}
          </p>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Set by <span className="font-mono">outboundTrafficPolicy.mode</span> in the{" "}
            <span className="font-mono">istio</span> ConfigMap; a ServiceEntry registers a host.
          </p>
        </PanelSection>
      )}
      {node.kind === "box" ? (
        // A box draws an edge per version: its panel shows each caller once (box-traffic-section.tsx).
        <>
          <BoxTrafficSection box={node} graph={graph} onSelectEdge={onSelectEdge} />
          {readable && <InboundOverTime node={node} windowSeconds={graph.duration} />}
        </>
      ) : (
        <>
          <PanelSection title="Traffic">
            <Facts rows={rateRows} />
          </PanelSection>
          {readable && (
            <>
              <InboundOverTime node={node} windowSeconds={graph.duration} />
              <NodeTraces target={nodeMetricsTarget(node, graph.duration)} />
            </>
          )}
          {r.httpIn > 0 && (
            <PanelSection title="Inbound HTTP by response code, window average">
              <RatesChart
                bars={inboundBars(node)}
                label={`Inbound requests per second of ${node.title} by response code`}
              />
            </PanelSection>
          )}
          {flagsQuery && (
            <NodeFlagExplanationSection query={flagsQuery} node={node} graph={graph} onSelectEdge={onSelectEdge} />
          )}
          <EdgeLinks
            title="Failing calls (open one for why)"
            edges={failingCalls}
            graph={graph}
            end="target"
            onSelectEdge={onSelectEdge}
          />
          <EdgeLinks title="Inbound from" edges={inbound} graph={graph} end="source" onSelectEdge={onSelectEdge} />
          <EdgeLinks title="Outbound to" edges={outbound} graph={graph} end="target" onSelectEdge={onSelectEdge} />
        </>
      )}
      <PanelSection title="Istio config">
        {node.badges.length > 0 ? (
          <BadgeList badges={node.badges} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            No routing or policy config applies to this node.
          </p>
        )}
        {node.data.destServices && node.data.destServices.length > 0 && (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Reached through {node.data.destServices.map((s) => `${s.name}.${s.namespace}`).join(", ")}
          </p>
        )}
      </PanelSection>
    </article>
  );
}
