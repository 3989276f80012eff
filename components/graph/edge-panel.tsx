"use client";

import Link from "next/link";
import { edgeLogsSearch } from "@/lib/contracts/logs";
import { edgeNodeOf } from "@/components/logs/edge-node";
import { formatBytesPerSecond, formatDurationMs, formatPercent, formatRate } from "@/lib/graph-view/edge-labels";
import { describeMtls } from "@/lib/graph-view/edge-security";
import { nodeDetailPages } from "@/lib/graph-view/node-detail";
import { flagExplanationTarget } from "@/lib/graph-view/flag-explanation-target";
import { explainOutboundPolicy } from "@/lib/graph-view/outbound-explanation";
import { explainEdgeHref } from "@/lib/graph-view/explain-link";
import { rowsOf } from "@/lib/istio/response-classes";
import type { ViewEdge, ViewGraph } from "@/lib/graph-view/view-model";
import { FlagExplanationSection } from "./flag-explanation-section";
import { DetailLinks, Facts, PanelSection } from "./panel-parts";

const flagMeaning: Record<string, string> = {
  "-": "none",
  UH: "no healthy upstream",
  UF: "upstream connection failure",
  UO: "upstream overflow (circuit breaker)",
  NR: "no route",
  URX: "retry limit exceeded",
  UT: "upstream timeout",
  DC: "downstream closed",
  FI: "fault injected (abort)",
  DI: "fault injected (delay)",
  RL: "rate limited",
  UC: "upstream connection terminated",
  URR: "upstream reset",
};

export function EdgePanel({
  edge,
  graph,
  onSelectNode,
}: {
  edge: ViewEdge;
  graph: ViewGraph;
  onSelectNode: (id: string) => void;
}) {
  const source = graph.nodeById.get(edge.source);
  const target = graph.nodeById.get(edge.target);
  const tcp = edge.protocol === "tcp";
  const outbound = explainOutboundPolicy(edge, target, graph.outboundTrafficPolicy);
  const flagsQuery = flagExplanationTarget(edge, graph);
  const explainLink = explainEdgeHref(edge, graph);
  // One click from a code/flag row to the access lines behind it (app/logs/edge/page.tsx).
  const [sourceNode, destNode] = [edgeNodeOf(source), edgeNodeOf(target)];
  // A source without a proxy to read (unknown, a gateway outside the namespaces) leaves the destination's side only.
  const logsHref = (filter: { code?: string; flag?: string; minDurationMs?: number }) =>
    destNode &&
    `/logs/edge?${edgeLogsSearch({ source: sourceNode ?? { namespace: destNode.namespace }, dest: destNode, ...filter })}`;
  const rows: [string, string][] = [
    ["Protocol", edge.protocol.toUpperCase()],
    ["Rate", tcp ? formatBytesPerSecond(edge.rate) : `${formatRate(edge.rate)} rps`],
    ["Traffic share", formatPercent(edge.percentReq)],
  ];
  if (!tcp) rows.push(["Errors", formatPercent(edge.errorPct)]);
  if (edge.responseTimeMs !== undefined) rows.push(["Response time (p95)", formatDurationMs(edge.responseTimeMs)]);
  if (edge.throughput !== undefined && !tcp) rows.push(["Throughput", formatBytesPerSecond(edge.throughput)]);
  rows.push(["mTLS", describeMtls(edge)]);
  // Class names and order from the one response-class table (lib/istio/response-classes.ts).
  const classes: [string, string][] =
    edge.protocol === "tcp"
      ? []
      : rowsOf(edge.protocol)
          .map((c) => [`${c.label[0]?.toUpperCase() ?? ""}${c.label.slice(1)}`, `${edge.protocol}${c.suffix}`] as const)
          .filter(([, key]) => (edge.rates[key] ?? 0) > 0)
          .map(([name, key]) => [name, `${formatRate(edge.rates[key] ?? 0)} rps`]);

  return (
    <article
      aria-label={`Details of the edge from ${source?.title ?? edge.source} to ${target?.title ?? edge.target}`}
      className="space-y-4"
      data-testid="edge-panel"
    >
      <header className="space-y-1">
        <h2 className="text-lg font-semibold">Edge</h2>
        <p className="text-sm">
          <button
            type="button"
            className="text-sky-700 underline dark:text-sky-400"
            onClick={() => onSelectNode(edge.source)}
          >
            {source?.title ?? edge.source}
          </button>{" "}
          →{" "}
          <button
            type="button"
            className="text-sky-700 underline dark:text-sky-400"
            onClick={() => onSelectNode(edge.target)}
          >
            {target?.title ?? edge.target}
          </button>
        </p>
      </header>
      {/* Each end's own page (the first of its pages): the rest are one click away on its node panel. */}
      <DetailLinks pages={[source, target].flatMap((n) => (n ? nodeDetailPages(n).slice(0, 1) : []))} />
      {explainLink && (
        <Link href={explainLink} className="block text-sm text-sky-700 underline dark:text-sky-400">
          Explain a request along this edge
        </Link>
      )}
      {outbound && (
        <PanelSection title="Outbound traffic policy">
          <div className="space-y-1.5 text-sm" data-testid="outbound-explanation" data-kind={outbound.kind}>
            <p className="font-medium">{outbound.title}</p>
            {outbound.because.map((sentence) => (
              <p key={sentence}>{sentence}</p>
            ))}
            <p>
              <span className="font-medium">What to do: </span>
              {outbound.action}
            </p>
            <Link href="/mesh" className="text-sky-700 underline dark:text-sky-400">
              The mesh&apos;s outbound traffic policy on the Mesh page
            </Link>
          </div>
        </PanelSection>
      )}
      <PanelSection title="Traffic">
        <Facts rows={[...rows, ...classes]} />
        {destNode && !tcp && edge.responseTimeMs !== undefined && edge.responseTimeMs > 0 && (
          // The slow bucket: the requests at or above the edge's p95, whose lines link on to traces and routes.
          <Link
            href={logsHref({ minDurationMs: Math.floor(edge.responseTimeMs) }) ?? ""}
            className="text-sm text-sky-700 underline dark:text-sky-400"
          >
            Access log lines of the slowest requests (≥ {formatDurationMs(edge.responseTimeMs)})
          </Link>
        )}
      </PanelSection>
      {edge.responses.length > 0 && (
        <PanelSection title="Response codes">
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th scope="col" className="font-medium">
                  Code
                </th>
                <th scope="col" className="font-medium">
                  Flags (% of requests)
                </th>
              </tr>
            </thead>
            <tbody>
              {edge.responses.map((r) => (
                <tr key={r.code} className="align-top">
                  <td className="py-0.5 pr-2 font-mono">{r.code === "-" ? "no response" : r.code}</td>
                  <td className="py-0.5">
                    {Object.entries(r.flags).map(([flag, pct]) => (
                      <div key={flag}>
                        <span className="font-mono">{flag}</span> {formatPercent(pct)}
                        {flagMeaning[flag] && flag !== "-" && (
                          <span className="text-slate-500"> — {flagMeaning[flag]}</span>
                        )}
                        {destNode && (
                          <Link
                            href={logsHref({ code: r.code, flag }) ?? ""}
                            className="ml-1 text-sky-700 underline dark:text-sky-400"
                            aria-label={`Access log lines with code ${r.code} and flag ${flag}`}
                          >
                            logs
                          </Link>
                        )}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </PanelSection>
      )}
      {flagsQuery && <FlagExplanationSection query={flagsQuery} />}
    </article>
  );
}
