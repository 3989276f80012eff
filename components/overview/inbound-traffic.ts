/**
 * What a namespace card draws of its inbound traffic (pure): the requests line when it had
 * requests in the window; else the TCP bytes line when it had TCP traffic (a namespace of
 * databases or brokers is busy without a single request); else nothing to draw. A namespace
 * with both keeps the requests line and names its TCP rate beside it.
 */
import type { ChartUnit } from "@/lib/contracts/metrics";
import type { NamespaceOverview } from "@/lib/contracts/overview";

export type TrafficUnit = Extract<ChartUnit, "rps" | "bytesPerSecond">;

export interface TrafficLine {
  /** What the line measures, as the caption starts: "Inbound requests". */
  what: string;
  unit: TrafficUnit;
  points: [number, number][];
}

export interface InboundTraffic {
  /** Undefined: no inbound traffic of any kind in the window. */
  line?: TrafficLine;
  /** The latest TCP bytes/s, when TCP traffic shows beside a requests line. */
  tcpBesideRequests?: number;
}

const hadTraffic = (points: readonly [number, number][]) => points.some(([, v]) => v > 0);

export function chooseInboundTraffic(ns: Pick<NamespaceOverview, "inboundRate" | "inboundTcpRate">): InboundTraffic {
  const requests = hadTraffic(ns.inboundRate);
  const tcp = hadTraffic(ns.inboundTcpRate);
  if (requests)
    return {
      line: { what: "Inbound requests", unit: "rps", points: ns.inboundRate },
      ...(tcp ? { tcpBesideRequests: ns.inboundTcpRate.at(-1)?.[1] ?? 0 } : {}),
    };
  if (tcp) return { line: { what: "Inbound TCP", unit: "bytesPerSecond", points: ns.inboundTcpRate } };
  return {};
}
