/**
 * Edge and node figures from the de-duplicated rows, in Kiali's rate keys:
 * - edge: total (`http`), per class (`http5xx`…), error % (`httpPercentErr`: no-response +
 *   4xx + 5xx over total), traffic % (`httpPercentReq`: this edge over everything its source
 *   sends with the same protocol), the response-code × flags × hosts breakdown, mTLS %, and
 *   the response time;
 * - node: `httpIn` (with classes), `httpOut`, and the same for grpc and tcp.
 */
import "server-only";
import type { EdgeTraffic, GraphEdgeData, NodeTraffic, Protocol, Rates, ResponseDetail } from "@/lib/contracts/graph";
import { protocols } from "@/lib/contracts/graph";
import { formatPercent, formatRate, percentOf } from "./format-number";
import { addRow, emptyTotals, responseClasses, responseKeyOf, type ClassTotals } from "./response-classes";
import type { EdgeModel, TrafficMap } from "./traffic-map";

function totalsOf(edge: EdgeModel): ClassTotals {
  const totals = emptyTotals();
  for (const row of edge.rows) addRow(totals, row);
  return totals;
}

type Shares = Record<string, number>;

function responsesOf(edge: EdgeModel, total: number): Record<string, ResponseDetail> {
  const byCode: Record<string, { flags: Shares; hosts: Shares }> = {};
  for (const row of edge.rows) {
    const key = responseKeyOf(row);
    const detail = (byCode[key] ??= { flags: {}, hosts: {} });
    detail.flags[row.flags] = (detail.flags[row.flags] ?? 0) + row.rate;
    detail.hosts[row.destService.host] = (detail.hosts[row.destService.host] ?? 0) + row.rate;
  }
  const asPercents = (shares: Shares): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const k of Object.keys(shares).sort()) out[k] = formatPercent(percentOf(shares[k] ?? 0, total));
    return out;
  };
  const responses: Record<string, ResponseDetail> = {};
  for (const code of Object.keys(byCode).sort()) {
    const d = byCode[code];
    if (d) responses[code] = { flags: asPercents(d.flags), hosts: asPercents(d.hosts) };
  }
  return responses;
}

/** Share of the destination-reported traffic that was mutual TLS; undefined when unknown. */
function mtlsPercentOf(edge: EdgeModel): number | undefined {
  let seen = 0;
  let mutual = 0;
  for (const row of edge.rows) {
    if (row.reporter !== "destination") continue;
    seen += row.rate;
    if (row.security === "mutual_tls") mutual += row.rate;
  }
  return seen > 0 ? percentOf(mutual, seen) : undefined;
}

export function computeEdgeRates(map: TrafficMap): TrafficMap {
  const outBySource = new Map<string, number>();
  const totals = new Map<string, ClassTotals>();
  for (const edge of map.edges.values()) {
    const t = totalsOf(edge);
    totals.set(edge.id, t);
    const key = `${edge.source}|${edge.protocol}`;
    outBySource.set(key, (outBySource.get(key) ?? 0) + t.total);
  }
  for (const edge of map.edges.values()) {
    const t = totals.get(edge.id) ?? emptyTotals();
    const p = edge.protocol;
    const rates: Rates = { [p]: formatRate(t.total) };
    for (const c of responseClasses[p]) {
      const value = t.bySuffix.get(c.suffix) ?? 0;
      if (value > 0) rates[`${p}${c.suffix}`] = formatRate(value);
    }
    if (t.error > 0) rates[`${p}PercentErr`] = formatPercent(percentOf(t.error, t.total));
    rates[`${p}PercentReq`] = formatPercent(percentOf(t.total, outBySource.get(`${edge.source}|${p}`) ?? 0));
    const traffic: EdgeTraffic = { protocol: p, rates, responses: p === "tcp" ? {} : responsesOf(edge, t.total) };
    const data: GraphEdgeData = { id: edge.id, source: edge.source, target: edge.target, traffic };
    const mtls = mtlsPercentOf(edge);
    if (mtls !== undefined) data.isMTLS = formatPercent(mtls);
    if (edge.responseTime && p !== "tcp" && edge.responseTime.weight > 0) data.responseTime = formatRate(edge.responseTime.weightedMs / edge.responseTime.weight);
    edge.data = data;
  }
  applyNodeTraffic(map, totals);
  return map;
}

function applyNodeTraffic(map: TrafficMap, totals: Map<string, ClassTotals>): void {
  const inbound = new Map<string, ClassTotals>();
  const outbound = new Map<string, number>();
  for (const edge of map.edges.values()) {
    const t = totals.get(edge.id);
    if (!t) continue;
    const inKey = `${edge.target}|${edge.protocol}`;
    let acc = inbound.get(inKey);
    if (!acc) inbound.set(inKey, (acc = emptyTotals()));
    acc.total += t.total;
    acc.error += t.error;
    for (const [s, v] of t.bySuffix) acc.bySuffix.set(s, (acc.bySuffix.get(s) ?? 0) + v);
    const outKey = `${edge.source}|${edge.protocol}`;
    outbound.set(outKey, (outbound.get(outKey) ?? 0) + t.total);
  }
  for (const node of map.nodes.values()) {
    const traffic: NodeTraffic[] = [];
    for (const p of protocols satisfies readonly Protocol[]) {
      const inT = inbound.get(`${node.data.id}|${p}`);
      const out = outbound.get(`${node.data.id}|${p}`);
      if (!inT && out === undefined) continue;
      const rates: Rates = {};
      if (inT) {
        rates[`${p}In`] = formatRate(inT.total);
        for (const c of responseClasses[p]) {
          const value = inT.bySuffix.get(c.suffix) ?? 0;
          if (value > 0) rates[`${p}In${c.suffix}`] = formatRate(value);
        }
      }
      if (out !== undefined) rates[`${p}Out`] = formatRate(out);
      traffic.push({ protocol: p, rates });
    }
    if (traffic.length > 0) node.data.traffic = traffic;
  }
}
