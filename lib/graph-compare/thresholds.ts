/**
 * When a change between two windows is worth an on-call's attention. Each rule is a row:
 * it looks at an edge's figures in both windows and says, in one line, what moved. An edge
 * with no finding is "unchanged" even if its numbers differ a little: two windows of live
 * traffic never read the same, and a list of every wobble hides the one change that matters.
 *
 * | rule          | significant when (after vs before)                                               |
 * | ------------- | -------------------------------------------------------------------------------- |
 * | new, vanished | the edge carries traffic in one window only                                      |
 * | rate          | the rate moved by ≥ `ratePct` % and ≥ `minRate` (req/s, or B/s for TCP)          |
 * | share         | the traffic % of the service moved by ≥ `sharePoints` points (a canary step)     |
 * | errors        | the error % moved by ≥ `errorPoints` points (up: worse, down: better)            |
 * | responseTime  | p95 rose or fell by ≥ `responseTimePct` % and ≥ `responseTimeMs` ms              |
 * | responseCodes | an error response code (no response, 4xx, 5xx, gRPC status ≠ 0) appeared        |
 * | flags         | an Envoy response flag (UO, UH, NR, …) appeared                                  |
 * | mtls          | the share sent over mutual TLS dropped by ≥ `mtlsPoints` points                  |
 *
 * The rate rule needs both a relative and an absolute move, so 0.01 → 0.02 req/s (+100 %)
 * on a health check is not reported, nor 1,000 → 1,010 req/s on a busy edge.
 */
import type { CompareThresholds, EdgeFigures, Finding } from "@/lib/contracts/graph-compare";
import type { Protocol } from "@/lib/contracts/graph";
import { formatBytesPerSecond, formatDurationMs, formatPercent, formatRate } from "@/lib/graph-view/edge-labels";
import { isErrorResponse } from "@/lib/istio/response-classes";

export const defaultCompareThresholds: CompareThresholds = {
  minRate: 0.1,
  ratePct: 20,
  sharePoints: 10,
  errorPoints: 2,
  responseTimePct: 50,
  responseTimeMs: 20,
  mtlsPoints: 1,
};

interface RuleInput {
  before?: EdgeFigures;
  after?: EdgeFigures;
  protocol: Protocol;
  t: CompareThresholds;
}

type Rule = (input: RuleInput) => Finding | undefined;

const signed = (n: number, digits: number) => `${n >= 0 ? "+" : "−"}${Math.abs(n).toFixed(digits)}`;
const rateText = (protocol: Protocol, n: number) =>
  protocol === "tcp" ? formatBytesPerSecond(n) : `${formatRate(n)} req/s`;

/** A response key of an edge's `responses` ("-", "503", or a gRPC status) as an outcome of response-classes.ts. */
export function isErrorResponseKey(protocol: Protocol, key: string): boolean {
  if (protocol === "tcp") return false;
  if (key === "-") return true;
  if (protocol === "http" || /^[45]\d\d$/.test(key)) return isErrorResponse(protocol, { code: key, grpcStatus: "" });
  return isErrorResponse(protocol, { code: "200", grpcStatus: key });
}

const appeared = (before: string[] | undefined, after: string[] | undefined) =>
  (after ?? []).filter((k) => !(before ?? []).includes(k));

export const compareRules: readonly Rule[] = [
  ({ before, after, protocol }) =>
    !before && after
      ? { kind: "new", tone: "shift", text: `new edge: ${rateText(protocol, after.rate)}` }
      : before && !after
        ? { kind: "vanished", tone: "shift", text: `vanished: was ${rateText(protocol, before.rate)}` }
        : undefined,
  ({ before, after, protocol, t }) => {
    if (!before || !after) return undefined;
    const delta = after.rate - before.rate;
    if (Math.abs(delta) < t.minRate) return undefined;
    if (before.rate > 0 && (Math.abs(delta) / before.rate) * 100 < t.ratePct) return undefined;
    const pct = before.rate > 0 ? ` (${signed((delta / before.rate) * 100, 0)}%)` : "";
    return {
      kind: "rate",
      tone: "shift",
      text: `rate ${rateText(protocol, before.rate)} → ${rateText(protocol, after.rate)}${pct}`,
    };
  },
  ({ before, after, t }) => {
    if (!before || !after) return undefined;
    const delta = after.percentReqOfService - before.percentReqOfService;
    if (Math.abs(delta) < t.sharePoints) return undefined;
    return {
      kind: "share",
      tone: "shift",
      text: `traffic % of service ${formatPercent(before.percentReqOfService)} → ${formatPercent(after.percentReqOfService)} (${signed(delta, 1)} points)`,
    };
  },
  ({ before, after, t }) => {
    if (!before || !after) return undefined;
    const delta = after.errorPct - before.errorPct;
    if (Math.abs(delta) < t.errorPoints) return undefined;
    return {
      kind: "errors",
      tone: delta > 0 ? "worse" : "better",
      text: `error rate ${formatPercent(before.errorPct)} → ${formatPercent(after.errorPct)} (${signed(delta, 1)} points)`,
    };
  },
  ({ before, after, t }) => {
    const b = before?.responseTimeMs;
    const a = after?.responseTimeMs;
    if (b === undefined || a === undefined) return undefined;
    const delta = a - b;
    if (Math.abs(delta) < t.responseTimeMs) return undefined;
    if (b > 0 && (Math.abs(delta) / b) * 100 < t.responseTimePct) return undefined;
    return {
      kind: "responseTime",
      tone: delta > 0 ? "worse" : "better",
      text: `p95 ${formatDurationMs(b)} → ${formatDurationMs(a)}`,
    };
  },
  ({ before, after, protocol }) => {
    const codes = appeared(before?.codes, after?.codes).filter((c) => isErrorResponseKey(protocol, c));
    if (!before || codes.length === 0) return undefined;
    return { kind: "responseCodes", tone: "worse", text: `new error responses: ${codes.join(", ")}` };
  },
  ({ before, after }) => {
    const flags = appeared(before?.flags, after?.flags);
    if (!before || flags.length === 0) return undefined;
    return { kind: "flags", tone: "worse", text: `new response flags: ${flags.join(", ")}` };
  },
  ({ before, after, t }) => {
    const b = before?.mtlsPct;
    const a = after?.mtlsPct;
    if (b === undefined || a === undefined || b - a < t.mtlsPoints) return undefined;
    return { kind: "mtls", tone: "worse", text: `mTLS ${formatPercent(b)} → ${formatPercent(a)}` };
  },
];
