/**
 * The server's side of the response-class table (lib/istio/response-classes.ts, where the
 * rows and the error definition live for every page): each row compiled once into a
 * matcher on a request outcome, with the fixed slot its rate takes in ClassTotals. The
 * graph adds its edges' rows up here (tens of thousands per build), the inventory its
 * Prometheus samples; both then judge the totals with judge-health.ts.
 */
import "server-only";
import type { Protocol } from "@/lib/contracts/graph";
import { classSuffixes, compileRow, rowsOf, type ClassSuffix } from "@/lib/istio/response-classes";

/** What the classes read of a request series: the graph's TrafficRow is one. */
export interface RequestOutcome {
  protocol: Protocol;
  /** HTTP response code; "0" when no response was sent. */
  code: string;
  /** grpc_response_status; "" when not reported. */
  grpcStatus: string;
  /** Requests/s. */
  rate: number;
}

export interface ResponseClass {
  /** Rate-key suffix: http + "5xx" → "http5xx", httpIn + "5xx" → "httpIn5xx". */
  suffix: ClassSuffix;
  /**
   * Index of the suffix in classSuffixes: class rates sit in a fixed small array instead of
   * an object keyed by suffix, whose keyed reads and writes on a varying name were
   * megamorphic in the per-edge loops.
   */
  slot: number;
  matches(row: RequestOutcome): boolean;
  error: boolean;
}

const compiled = (protocol: "http" | "grpc"): readonly ResponseClass[] =>
  rowsOf(protocol).map((row) => ({
    suffix: row.suffix,
    slot: classSuffixes.indexOf(row.suffix),
    matches: compileRow(row),
    error: row.error,
  }));

export const responseClasses: Record<Protocol, readonly ResponseClass[]> = {
  http: compiled("http"),
  grpc: compiled("grpc"),
  tcp: [],
};

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
export const classRate = (totals: ClassTotals, suffix: ClassSuffix): number =>
  totals.bySlot[classSuffixes.indexOf(suffix)] ?? 0;

export function addRow(totals: ClassTotals, row: RequestOutcome): void {
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
