/**
 * Response classes as data (Kiali's protocol tables): each row says which responses it
 * covers and whether they count as errors. A new class is a new row.
 */
import "server-only";
import type { Protocol } from "@/lib/contracts/graph";
import type { TrafficRow } from "./traffic-row";

export interface ResponseClass {
  /** Rate-key suffix: http + "5xx" → "http5xx", httpIn + "5xx" → "httpIn5xx". */
  suffix: string;
  matches(row: TrafficRow): boolean;
  error: boolean;
}

/** gRPC status of a row: the grpc-status label, else "0" when HTTP said 200. */
const grpcStatusOf = (row: TrafficRow): string => row.grpcStatus || (row.code === "200" ? "0" : row.code);

export const responseClasses: Record<Protocol, readonly ResponseClass[]> = {
  http: [
    { suffix: "NoResponse", matches: (r) => r.code === "0", error: true },
    { suffix: "3xx", matches: (r) => r.code.startsWith("3"), error: false },
    { suffix: "4xx", matches: (r) => r.code.startsWith("4"), error: true },
    { suffix: "5xx", matches: (r) => r.code.startsWith("5"), error: true },
  ],
  grpc: [
    { suffix: "NoResponse", matches: (r) => r.code === "0", error: true },
    // Any non-zero gRPC status is an error (kiali-parity.md).
    { suffix: "Err", matches: (r) => r.code !== "0" && grpcStatusOf(r) !== "0", error: true },
  ],
  tcp: [],
};

/** The key an edge's `responses` map files a row under: "-" for no response. */
export function responseKeyOf(row: TrafficRow): string {
  if (row.protocol === "grpc") return row.code === "0" ? "-" : grpcStatusOf(row);
  return row.code === "0" || row.code === "" ? "-" : row.code;
}

export interface ClassTotals {
  total: number;
  error: number;
  bySuffix: Record<string, number>;
}

export function emptyTotals(): ClassTotals {
  return { total: 0, error: 0, bySuffix: {} };
}

export function addRow(totals: ClassTotals, row: TrafficRow): void {
  totals.total += row.rate;
  for (const c of responseClasses[row.protocol]) {
    if (!c.matches(row)) continue;
    totals.bySuffix[c.suffix] = (totals.bySuffix[c.suffix] ?? 0) + row.rate;
    if (c.error) totals.error += row.rate;
  }
}
