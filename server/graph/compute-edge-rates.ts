/**
 * Edge and node figures from the de-duplicated rows, in Kiali's rate keys:
 * - edge: total (`http`), per class (`http5xx`…), error % (`httpPercentErr`: no-response +
 *   4xx + 5xx over total), traffic % (`httpPercentReq`, Kiali's: of everything the source
 *   sends) and Topsail's traffic % of the service (`httpPercentReqOfService`), the
 *   response-code × flags × hosts breakdown (TCP and stream messages under "-"), mTLS %,
 *   the response time and the throughput;
 * - node: `httpIn` (with classes), `httpOut`, and the same for grpc and tcp.
 */
import "server-only";
import type { EdgeTraffic, GraphEdgeData, NodeTraffic, Protocol, Rates } from "@/lib/contracts/graph";
import { protocols } from "@/lib/contracts/graph";
import { percentOf } from "@/server/health/judge-health";
import { addRow, addTotals, emptyTotals, responseClasses, type ClassTotals } from "@/server/health/response-classes";
import { formatPercent, formatRate, formatWhole } from "./format-number";
import { responsesOf } from "./response-breakdown";
import type { EdgeModel, TrafficMap } from "./traffic-map";

/** [name, rate] pairs: an edge has a handful of hosts, so arrays and a short scan beat
 * objects keyed by a host name (dictionary-mode). */
type Tally = [string, number][];

function tally(list: Tally, name: string, rate: number): void {
  for (const entry of list) {
    if (entry[0] === name) {
      entry[1] += rate;
      return;
    }
  }
  list.push([name, rate]);
}

/** Rate key names per protocol, spelled once (Kiali's names), not concatenated per edge. */
const keysOf = Object.fromEntries(
  protocols.map((p) => [
    p,
    {
      total: p,
      percentErr: `${p}PercentErr`,
      percentReq: `${p}PercentReq`,
      percentReqOfService: `${p}PercentReqOfService`,
      in: `${p}In`,
      out: `${p}Out`,
      classes: responseClasses[p].map((c) => ({ slot: c.slot, edge: `${p}${c.suffix}`, in: `${p}In${c.suffix}` })),
    },
  ]),
) as Record<
  Protocol,
  {
    total: string;
    percentErr: string;
    percentReq: string;
    percentReqOfService: string;
    in: string;
    out: string;
    classes: { slot: number; edge: string; in: string }[];
  }
>;

/**
 * Per node and protocol: what came in (by class), what went out, and what went out per
 * destination service host (for traffic %; nested here rather than keyed by a
 * "source/protocol/host" string built twice per edge).
 */
interface ProtocolSums {
  in?: ClassTotals;
  out: number;
  outByHost: Map<string, number>;
}
type NodeSums = Partial<Record<Protocol, ProtocolSums>>;

function sumsOf(sums: Map<string, NodeSums>, id: string, p: Protocol): ProtocolSums {
  let node = sums.get(id);
  if (!node) sums.set(id, (node = {}));
  return (node[p] ??= { out: 0, outByHost: new Map() });
}

/** An edge's own figures, from one pass over its rows. */
interface EdgeSums {
  totals: ClassTotals;
  byHost: Tally;
  /** Destination-reported rate, and the part of it that was mutual TLS. */
  reportedByDestination: number;
  mutualTls: number;
}

function edgeSumsOf(edge: EdgeModel): EdgeSums {
  const sums: EdgeSums = { totals: emptyTotals(), byHost: [], reportedByDestination: 0, mutualTls: 0 };
  for (const row of edge.rows) {
    addRow(sums.totals, row);
    tally(sums.byHost, row.destService.host, row.rate);
    if (row.reporter !== "destination") continue;
    sums.reportedByDestination += row.rate;
    if (row.security === "mutual_tls") sums.mutualTls += row.rate;
  }
  return sums;
}

/** An edge's rates in Kiali's keys, all but traffic % (which needs every edge's source totals). */
function edgeRatesOf(p: Protocol, t: ClassTotals): Rates {
  const keys = keysOf[p];
  const rates: Rates = { [keys.total]: formatRate(t.total) };
  for (const c of keys.classes) {
    const value = t.bySlot[c.slot] ?? 0;
    if (value > 0) rates[c.edge] = formatRate(value);
  }
  if (t.error > 0) rates[keys.percentErr] = formatPercent(percentOf(t.error, t.total));
  return rates;
}

/**
 * Traffic % in two figures:
 * - `…PercentReq`, Kiali's: the edge's share of everything its source sends over the
 *   protocol, in every graph type, so Kiali-API consumers read the same numbers;
 * - `…PercentReqOfService`, Topsail's canary figure: the share of what the source sends to
 *   the same destination service(s). With reviews split 50/50, productpage → reviews v1 and
 *   → v3 read 50 % each, whatever productpage sends to details — what Kiali shows only on
 *   its injected service → version edges.
 */
function trafficShares(
  total: number,
  byHost: Tally,
  source: ProtocolSums | undefined,
): { ofSource: number; ofService: number } {
  let serviceTotal = 0;
  for (const [host] of byHost) serviceTotal += source?.outByHost.get(host) ?? 0;
  return { ofSource: percentOf(total, source?.out ?? 0), ofService: percentOf(total, serviceTotal) };
}

export function computeEdgeRates(map: TrafficMap): TrafficMap {
  const sums = new Map<string, NodeSums>();
  const hostsOfEdge: Tally[] = [];
  // Everything an edge says about itself is computed in one visit, while its rows are still
  // in cache (they lie scattered across the heap, and each extra pass over them was a
  // round of cache misses); the edge's totals stay on it for health.
  for (const edge of map.edges.values()) {
    const e = edgeSumsOf(edge);
    const t = (edge.totals = e.totals);
    hostsOfEdge.push(e.byHost);
    const p = edge.protocol;
    const source = sumsOf(sums, edge.source, p);
    source.out += t.total;
    for (const [host, rate] of e.byHost) source.outByHost.set(host, (source.outByHost.get(host) ?? 0) + rate);
    addTotals((sumsOf(sums, edge.target, p).in ??= emptyTotals()), t);
    const traffic: EdgeTraffic = {
      protocol: p,
      rates: edgeRatesOf(p, t),
      responses: responsesOf(edge.rows, t.total),
    };
    const data: GraphEdgeData = { id: edge.id, source: edge.source, target: edge.target, traffic };
    if (e.reportedByDestination > 0) data.isMTLS = formatWhole(percentOf(e.mutualTls, e.reportedByDestination));
    if (edge.responseTime && p !== "tcp" && edge.responseTime.weight > 0)
      data.responseTime = formatRate(edge.responseTime.weightedMs / edge.responseTime.weight);
    if (edge.throughput !== undefined && p !== "tcp") data.throughput = formatWhole(edge.throughput);
    edge.data = data;
  }
  // Traffic % needs what every source sent in total, known only now.
  let i = 0;
  for (const edge of map.edges.values()) {
    const byHost = hostsOfEdge[i++] as Tally;
    const rates = (edge.data as GraphEdgeData).traffic.rates;
    const total = (edge.totals as ClassTotals).total;
    const keys = keysOf[edge.protocol];
    const shares = trafficShares(total, byHost, sums.get(edge.source)?.[edge.protocol]);
    rates[keys.percentReq] = formatPercent(shares.ofSource);
    rates[keys.percentReqOfService] = formatPercent(shares.ofService);
  }
  for (const node of map.nodes.values()) {
    const nodeSums = sums.get(node.data.id);
    if (!nodeSums) continue;
    const traffic: NodeTraffic[] = [];
    for (const p of protocols) {
      const s = nodeSums[p];
      if (!s) continue;
      const keys = keysOf[p];
      const rates: Rates = {};
      if (s.in) {
        rates[keys.in] = formatRate(s.in.total);
        for (const c of keys.classes) {
          const value = s.in.bySlot[c.slot] ?? 0;
          if (value > 0) rates[c.in] = formatRate(value);
        }
      }
      if (s.out > 0 || !s.in) rates[keys.out] = formatRate(s.out);
      traffic.push({ protocol: p, rates });
    }
    if (traffic.length > 0) node.data.traffic = traffic;
  }
  return map;
}
