/**
 * Gates as data: each is a measured value against a threshold. A gate without data in the
 * window has value null and pass null, and a set with any null is "not enough data" rather
 * than a pass — a canary must not be promoted on silence.
 */
import "server-only";
import type { CanaryGates, GateEventData, GateResult, Slo } from "@/lib/contracts/experiments";
import type { Measurement } from "./machine-types";

function gate(gateName: string, label: string, value: number | null, threshold: number, op: ">=" | "<="): GateResult {
  const pass = value === null ? null : op === ">=" ? value >= threshold : value <= threshold;
  return { gate: gateName, label, value, threshold, op, pass };
}

function overall(results: GateResult[]): boolean | null {
  if (results.some((r) => r.pass === false)) return false;
  if (results.some((r) => r.pass === null)) return null;
  return true;
}

export function evaluateSlo(
  slo: Pick<Slo, "minSuccessRate" | "maxP95Ms">,
  m: Measurement | undefined,
  subjectLabel: string,
): { results: GateResult[]; pass: boolean | null } {
  const results: GateResult[] = [];
  if (slo.minSuccessRate !== undefined)
    results.push(
      gate("successRate", `${subjectLabel} success rate %`, m?.successRate ?? null, slo.minSuccessRate, ">="),
    );
  if (slo.maxP95Ms !== undefined)
    results.push(gate("p95", `${subjectLabel} p95 ms`, m?.p95 ?? null, slo.maxP95Ms, "<="));
  return { results, pass: overall(results) };
}

export function evaluateCanaryGates(
  gates: CanaryGates,
  to: Measurement | undefined,
  from: Measurement | undefined,
  windowSeconds: number,
  toLabel: string,
): { results: GateResult[]; pass: boolean | null } {
  const results: GateResult[] = [];
  const enough = to?.rps !== null && to?.rps !== undefined && to.rps * windowSeconds >= gates.minRequests;
  const value = (v: number | null | undefined) => (enough && v !== undefined ? v : null);
  // A's value of the same measure, shown beside B's (never judged): only when A was measured.
  const withBaseline = (result: GateResult, a: number | null | undefined): GateResult =>
    from === undefined ? result : { ...result, baseline: a ?? null };
  if (gates.minSuccessRate !== undefined)
    results.push(
      withBaseline(
        gate("successRate", `${toLabel} success rate %`, value(to?.successRate), gates.minSuccessRate, ">="),
        from?.successRate,
      ),
    );
  if (gates.maxP95Ms !== undefined)
    results.push(withBaseline(gate("p95", `${toLabel} p95 ms`, value(to?.p95), gates.maxP95Ms, "<="), from?.p95));
  if (gates.maxP99Ms !== undefined)
    results.push(withBaseline(gate("p99", `${toLabel} p99 ms`, value(to?.p99), gates.maxP99Ms, "<="), from?.p99));
  if (gates.maxSuccessRateDrop !== undefined) {
    const drop =
      enough && to?.successRate != null && from?.successRate != null
        ? Math.max(0, from.successRate - to.successRate)
        : null;
    results.push(
      gate("successDrop", `${toLabel} success below the baseline's, points`, drop, gates.maxSuccessRateDrop, "<="),
    );
  }
  return { results, pass: overall(results) };
}

function formatValue(r: GateResult): string {
  if (r.value === null) return "no data";
  return r.gate === "p95" || r.gate === "p99" ? `${Math.round(r.value)} ms` : `${r.value.toFixed(2)}`;
}

/** "v3 success rate % = 70.12 (needs ≥ 99)" for every failing gate. */
export function describeFailures(data: Pick<GateEventData, "results">): string {
  return data.results
    .filter((r) => r.pass === false)
    .map(
      (r) =>
        `${r.label} = ${formatValue(r)} (needs ${r.op === ">=" ? "≥" : "≤"} ${r.threshold})${r.gate === "successRate" && r.value !== null ? `, error rate ${(100 - r.value).toFixed(2)}%` : ""}`,
    )
    .join("; ");
}

export function describeValues(data: Pick<GateEventData, "results">): string {
  return data.results.map((r) => `${r.label} = ${formatValue(r)}`).join("; ");
}
