/**
 * Response classes as data (Kiali's protocol tables): each row says which responses it
 * covers and whether they count as errors. A new class is a new row.
 */
import "server-only";
import type { Protocol } from "@/lib/contracts/graph";
import type { TrafficRow } from "./traffic-row";

/**
 * Every class suffix once, across protocols. A class's position here is its slot in
 * ClassTotals.bySlot: a fixed small array instead of an object keyed by suffix, whose
 * keyed reads and writes on a varying name were megamorphic in the per-edge loops.
 */
export const classSuffixes = ["NoResponse", "3xx", "4xx", "5xx", "Err"] as const;
export type ClassSuffix = (typeof classSuffixes)[number];

export interface ResponseClass {
  /** Rate-key suffix: http + "5xx" → "http5xx", httpIn + "5xx" → "httpIn5xx". */
  suffix: ClassSuffix;
  /** Index of the suffix in classSuffixes. */
  slot: number;
  matches(row: TrafficRow): boolean;
  error: boolean;
}

const responseClass = (suffix: ClassSuffix, matches: (row: TrafficRow) => boolean, error: boolean): ResponseClass => ({ suffix, slot: classSuffixes.indexOf(suffix), matches, error });

/** gRPC status of a row: the grpc-status label, else "0" when HTTP said 200. */
const grpcStatusOf = (row: TrafficRow): string => row.grpcStatus || (row.code === "200" ? "0" : row.code);

export const responseClasses: Record<Protocol, readonly ResponseClass[]> = {
  http: [
    responseClass("NoResponse", (r) => r.code === "0", true),
    responseClass("3xx", (r) => r.code.startsWith("3"), false),
    responseClass("4xx", (r) => r.code.startsWith("4"), true),
    responseClass("5xx", (r) => r.code.startsWith("5"), true),
  ],
  grpc: [
    responseClass("NoResponse", (r) => r.code === "0", true),
    // Any non-zero gRPC status is an error (kiali-parity.md).
    responseClass("Err", (r) => r.code !== "0" && grpcStatusOf(r) !== "0", true),
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
