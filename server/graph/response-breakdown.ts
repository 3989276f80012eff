/**
 * An edge's `responses`: response key → { flags: flag → %, hosts: host → % } of the edge's
 * total, keys in name order.
 *
 * Tallied in module-level scratch arrays reused from edge to edge (one entry per code ×
 * flag or code × host; an edge has a handful, so a short scan finds them): the per-edge
 * tally arrays and pairs this replaces were a large share of the build's garbage. Safe
 * because a breakdown is computed start to finish synchronously.
 */
import "server-only";
import type { ResponseDetail } from "@/lib/contracts/graph";
import { percentOf } from "@/server/health/judge-health";
import { formatPercent } from "./format-number";
import type { TrafficRow } from "./traffic-row";

/**
 * The key an edge's `responses` map files a row under, as Kiali's HandleResponseCode does:
 * "-" for no response; for gRPC the grpc-status, unless the transport failed (4xx/5xx) or
 * no status was reported — then the HTTP code.
 */
function responseKeyOf(row: TrafficRow): string {
  if (row.code === "0" || row.code === "") return "-";
  if (row.protocol !== "grpc" || row.grpcStatus === "") return row.code;
  const first = row.code[0];
  return first === "4" || first === "5" ? row.code : row.grpcStatus;
}

const entryCode: string[] = [];
const entryIsHost: boolean[] = [];
const entryName: string[] = [];
const entryRate: number[] = [];
/** Entry indices, sorted by code then name. */
const order: number[] = [];
let count = 0;

function add(code: string, isHost: boolean, name: string, rate: number): void {
  for (let i = 0; i < count; i++) {
    if (entryName[i] === name && entryIsHost[i] === isHost && entryCode[i] === code) {
      entryRate[i] = (entryRate[i] as number) + rate;
      return;
    }
  }
  entryCode[count] = code;
  entryIsHost[count] = isHost;
  entryName[count] = name;
  entryRate[count] = rate;
  count++;
}

function before(a: number, b: number): boolean {
  const ca = entryCode[a] as string;
  const cb = entryCode[b] as string;
  if (ca !== cb) return ca < cb;
  return (entryName[a] as string) < (entryName[b] as string);
}

/** Insertion sort of the few entry indices (no comparator closure, no array per edge). */
function sortEntries(): void {
  order.length = count;
  for (let i = 0; i < count; i++) {
    let j = i;
    while (j > 0 && before(i, order[j - 1] as number)) {
      order[j] = order[j - 1] as number;
      j--;
    }
    order[j] = i;
  }
}

/**
 * The last percentage formatted: a code's flags and hosts usually split the same way (one
 * flag, one host), so the same figure is asked for twice in a row; toFixed is not cheap.
 */
let lastRate = NaN;
let lastTotal = NaN;
let lastText = "";

function percentText(rate: number, total: number): string {
  if (rate !== lastRate || total !== lastTotal) {
    lastRate = rate;
    lastTotal = total;
    lastText = formatPercent(percentOf(rate, total));
  }
  return lastText;
}

/**
 * An empty object for response-code keys. V8 keeps integer-like keys ("200", "503") as
 * array elements and, in a young object, backs "503" with a ~770-slot array: ~5 KB per
 * edge, 26 MB of heap per 5,000 edges, most of the build's GC. Touching one far-off index
 * first (more than 1,024 past the end) switches the object to dictionary elements, sized
 * by what it holds. Keys, their order and JSON are unchanged.
 */
function codeKeyedObject(): Record<string, ResponseDetail> {
  const o: Record<number, unknown> = {};
  o[4096] = 0;
  delete o[4096];
  return o as Record<string, ResponseDetail>;
}

export function responsesOf(rows: readonly TrafficRow[], total: number): Record<string, ResponseDetail> {
  count = 0;
  for (const row of rows) {
    const code = responseKeyOf(row);
    add(code, false, row.flags, row.rate);
    add(code, true, row.destService.host, row.rate);
  }
  sortEntries();
  const responses = codeKeyedObject();
  let code: string | undefined;
  let detail: ResponseDetail | undefined;
  for (let k = 0; k < count; k++) {
    const i = order[k] as number;
    if (detail === undefined || entryCode[i] !== code) {
      code = entryCode[i] as string;
      responses[code] = detail = { flags: {}, hosts: {} };
    }
    const text = percentText(entryRate[i] as number, total);
    if (entryIsHost[i]) detail.hosts[entryName[i] as string] = text;
    else detail.flags[entryName[i] as string] = text;
  }
  return responses;
}
