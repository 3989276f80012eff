"use client";

/**
 * An app box's panel traffic: each caller and callee once, with its total, error share and
 * split per version (lib/graph-view/box-traffic.ts), and the split as bars. Props only.
 */
import { aggregateBoxTraffic, type PeerTraffic } from "@/lib/graph-view/box-traffic";
import { formatBytesPerSecond, formatPercent, formatRate } from "@/lib/graph-view/edge-labels";
import type { ViewGraph, ViewNode } from "@/lib/graph-view/view-model";
import { colourForVersion } from "@/lib/series-colours";
import { Facts, PanelSection } from "./panel-parts";
import { RatesChart, type RateBar } from "./rates-chart";

const rateText = (p: { protocol: PeerTraffic["protocol"]; rate: number }) =>
  p.protocol === "tcp" ? formatBytesPerSecond(p.rate) : `${formatRate(p.rate)} rps`;

function Peers({
  title,
  peers,
  graph,
  onSelectEdge,
}: {
  title: string;
  peers: PeerTraffic[];
  graph: ViewGraph;
  onSelectEdge: (id: string) => void;
}) {
  if (peers.length === 0) return null;
  return (
    <PanelSection title={title}>
      <ul className="space-y-2 text-sm" data-testid="box-peers">
        {peers.map((p) => (
          <li key={`${p.peerId}/${p.protocol}`}>
            <div className="flex justify-between gap-2 font-medium">
              <span className="truncate">{graph.nodeById.get(p.peerId)?.title ?? p.peerId}</span>
              <span className="font-mono tabular-nums">
                {rateText(p)}
                {p.protocol !== "tcp" && ` · ${formatPercent(p.errorPct)} err`}
              </span>
            </div>
            <ul aria-label="Per version">
              {p.versions.map((v) => (
                <li key={v.edgeId}>
                  <button
                    type="button"
                    onClick={() => onSelectEdge(v.edgeId)}
                    className="flex w-full justify-between gap-2 rounded px-1 pl-3 text-left text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"
                  >
                    <span className="truncate">{graph.nodeById.get(v.nodeId)?.version ?? v.nodeId}</span>
                    <span className="font-mono tabular-nums">
                      {formatPercent(v.sharePct)} · {rateText({ protocol: p.protocol, rate: v.rate })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </PanelSection>
  );
}

/** Inbound requests/s per version, summed over the callers (TCP bytes are another unit and stay out). */
function versionBars(peers: PeerTraffic[], graph: ViewGraph): RateBar[] {
  const byVersion = new Map<string, number>();
  for (const p of peers.filter((q) => q.protocol !== "tcp"))
    for (const v of p.versions) {
      const version = graph.nodeById.get(v.nodeId)?.version ?? v.nodeId;
      byVersion.set(version, (byVersion.get(version) ?? 0) + v.rate);
    }
  return [...byVersion]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, value, colour: colourForVersion(name) }));
}

export function BoxTrafficSection({
  box,
  graph,
  onSelectEdge,
}: {
  box: ViewNode;
  graph: ViewGraph;
  onSelectEdge: (id: string) => void;
}) {
  const { inbound, outbound } = aggregateBoxTraffic(box, graph);
  const requests = inbound.filter((p) => p.protocol !== "tcp");
  const total = requests.reduce((sum, p) => sum + p.rate, 0);
  const errors = requests.reduce((sum, p) => sum + (p.rate * p.errorPct) / 100, 0);
  const bars = versionBars(inbound, graph);
  return (
    <>
      <PanelSection title="Traffic, all versions">
        <Facts
          rows={[
            ["Requests in", `${formatRate(total)} rps`],
            ["Errors in", formatPercent(total > 0 ? (errors / total) * 100 : 0)],
            ["Callers", String(new Set(inbound.map((p) => p.peerId)).size)],
          ]}
        />
      </PanelSection>
      {total > 0 && (
        <PanelSection title="Inbound requests/s by version, window average">
          <RatesChart bars={bars} label={`Inbound requests per second of ${box.title} by version`} />
        </PanelSection>
      )}
      <Peers title="Inbound from" peers={inbound} graph={graph} onSelectEdge={onSelectEdge} />
      <Peers title="Outbound to" peers={outbound} graph={graph} onSelectEdge={onSelectEdge} />
    </>
  );
}
