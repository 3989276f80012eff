/**
 * The graph's side of the response-class table (lib/istio/response-classes.ts, where the
 * rows and the error definition live for every page): each row compiled once into a
 * matcher on TrafficRow, with the fixed slot its rate takes in ClassTotals.
 */
import "server-only";
import type { Protocol } from "@/lib/contracts/graph";
import { classSuffixes, compileRow, rowsOf, type ClassSuffix } from "@/lib/istio/response-classes";
import type { TrafficRow } from "./traffic-row";

export interface ResponseClass {
  /** Rate-key suffix: http + "5xx" → "http5xx", httpIn + "5xx" → "httpIn5xx". */
  suffix: ClassSuffix;
  /**
   * Index of the suffix in classSuffixes: class rates sit in a fixed small array instead of
   * an object keyed by suffix, whose keyed reads and writes on a varying name were
   * megamorphic in the per-edge loops.
   */
  slot: number;
  matches(row: TrafficRow): boolean;
  error: boolean;
}

const compiled = (protocol: "http" | "grpc"): readonly ResponseClass[] =>
  rowsOf(protocol).map((row) => ({ suffix: row.suffix, slot: classSuffixes.indexOf(row.suffix), matches: compileRow(row), error: row.error }));

export const responseClasses: Record<Protocol, readonly ResponseClass[]> = { http: compiled("http"), grpc: compiled("grpc"), tcp: [] };

/**
 * The key an edge's `responses` map files a row under, as Kiali's HandleResponseCode does:
 * "-" for no response; for gRPC the grpc-status, unless the transport failed (4xx/5xx) or
 * no status was reported — then the HTTP code.
 */
export function responseKeyOf(row: TrafficRow): string {
  if (row.code === "0" || row.code === "") return "-";
  if (row.protocol !== "grpc" || row.grpcStatus === "") return row.code;
  const first = row.code[0];
  return first === "4" || first === "5" ? row.code : row.grpcStatus;
}

export interface ClassTotals {
  total: number;
  error: number;
  /** Rate per class, at the class's slot (classSuffixes). */
  bySlot: number[];
}

const noRates: readonly number[] = classSuffixes.map(() => 0);

export function emptyTotals(): ClassTotals {
  return { total: 0, error: 0, bySlot: noRates.slice() };
}

/** The rate of one class. */
export const classRate = (totals: ClassTotals, suffix: ClassSuffix): number => totals.bySlot[classSuffixes.indexOf(suffix)] ?? 0;

export function addRow(totals: ClassTotals, row: TrafficRow): void {
  totals.total += row.rate;
  const classes = responseClasses[row.protocol];
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i] as ResponseClass;
    if (!c.matches(row)) continue;
    totals.bySlot[c.slot] = (totals.bySlot[c.slot] as number) + row.rate;
    if (c.error) totals.error += row.rate;
  }
}

/** Adds one set of totals into another. */
export function addTotals(into: ClassTotals, from: ClassTotals): void {
  into.total += from.total;
  into.error += from.error;
  for (let i = 0; i < from.bySlot.length; i++) into.bySlot[i] = (into.bySlot[i] as number) + (from.bySlot[i] as number);
}
