/**
 * The flag explainer for a node (issue 22): everything the node received, from all its
 * callers, explained with the edge's machinery rather than a second set of rules.
 *
 * 1. Each caller's requests through each service are counted once, from the proxy the edge
 *    explainer would read (explain-flags-telemetry.ts): the caller's when it reported any, the
 *    callee's otherwise. Their sum is the node's inbound rate, the 100% of every share.
 * 2. The config a request went through depends on the caller's namespace (exportTo) and the
 *    service it called, so the callers are grouped by both and `explainFlags` runs once per
 *    group, with the group's shares and figures — for the usual node (one service, callers in
 *    one namespace) that is exactly the edge's explanation over all its callers.
 * 3. The groups' answers are merged per code and flag: shares rescaled to the node's requests
 *    and added, sentences and blamed fields kept once; a figure is labelled with its group
 *    when several groups carry the flag, since each group's figure is its own.
 * 4. Each flag lists the callers its share came from, largest first, for the page to open the
 *    edge's own explanation.
 */
import "server-only";
import type { EdgeObservations, FlagCaller } from "@/lib/contracts/flag-explanation";
import type { ValidationContext } from "@/server/validation/context";
import { explainFlags, type ExplainedFlag } from "./explain-flags";
import { keyOfObject } from "./explain-flags-finish";
import {
  scopeKey,
  serviceKey,
  type CallerFlagRow,
  type NodeTelemetry,
  type ServiceRef,
} from "./explain-flags-node-telemetry";

export interface NodeExplainedFlag extends ExplainedFlag {
  callers: FlagCaller[];
}

export interface NodeExplanation {
  /** Requests/s into the node over the window. */
  requestRate: number;
  flags: NodeExplainedFlag[];
}

type CallerRate = Omit<FlagCaller, "percent"> & { rate: number };

const edgeKey = (r: CallerFlagRow) => `${r.caller.namespace}/${r.caller.workload} ${serviceKey(r.service)}`;
const shareKey = (code: string, flag: string) => `${code} ${flag}`;

/** Step 1: each caller edge's rows from one reporter, as explain-flags-telemetry.ts picks it for an edge. */
export function countedRows(rows: readonly CallerFlagRow[]): CallerFlagRow[] {
  const fromSource = new Set(rows.filter((r) => r.reporter === "source").map(edgeKey));
  return rows.filter((r) => r.reporter === (fromSource.has(edgeKey(r)) ? "source" : "destination"));
}

interface Group {
  callerNamespace: string;
  service: ServiceRef;
  rows: CallerFlagRow[];
  rate: number;
}

function groupsOf(rows: readonly CallerFlagRow[]): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = scopeKey(row.caller.namespace, row.service);
    const group = groups.get(key) ?? { callerNamespace: row.caller.namespace, service: row.service, rows: [], rate: 0 };
    group.rows.push(row);
    group.rate += row.rate;
    groups.set(key, group);
  }
  return [...groups.values()];
}

function observedOf(group: Group, telemetry: NodeTelemetry): EdgeObservations {
  const bySource = group.rows.some((r) => r.reporter === "source");
  const figures = bySource ? telemetry.figures.get(scopeKey(group.callerNamespace, group.service)) : undefined;
  const p99 = telemetry.calleeP99.get(serviceKey(group.service));
  return {
    reporter: bySource ? "source" : "destination",
    requestRate: group.rate,
    ...(figures?.meanDurationMs !== undefined ? { meanDurationMs: figures.meanDurationMs } : {}),
    ...(figures?.concurrency !== undefined ? { concurrency: figures.concurrency } : {}),
    ...(p99 !== undefined ? { calleeP99Ms: p99 } : {}),
  };
}

/** Step 4: per code and single flag, each caller edge's requests/s (comma-joined flags split), largest first. */
function callersByShare(rows: readonly CallerFlagRow[]): Map<string, CallerRate[]> {
  const out = new Map<string, Map<string, CallerRate>>();
  for (const row of rows)
    for (const flag of row.flag.split(",")) {
      const byCaller = out.get(shareKey(row.code, flag)) ?? new Map<string, CallerRate>();
      out.set(shareKey(row.code, flag), byCaller);
      const held = byCaller.get(edgeKey(row));
      if (held) held.rate += row.rate;
      else byCaller.set(edgeKey(row), { ...row.caller, service: row.service, rate: row.rate });
    }
  return new Map(
    [...out].map(([key, callers]) => [key, [...callers.values()].sort((a, b) => b.rate - a.rate)] as const),
  );
}

const unique = <T>(items: readonly T[], keyOf: (item: T) => string) => [
  ...new Map(items.map((i) => [keyOf(i), i] as const)).values(),
];

/**
 * Step 3: one flag's answers from several groups, as one. The share is passed in, counted from
 * the callers' rates: adding up the groups' rescaled shares would not come out round.
 */
function merge(parts: { group: Group; flag: ExplainedFlag }[], percent: number): ExplainedFlag {
  const first = (parts[0] as { flag: ExplainedFlag }).flag;
  const labelled = parts.length > 1;
  return {
    flag: first.flag,
    code: first.code,
    meaning: first.meaning,
    percent,
    explained: parts.some((p) => p.flag.explained),
    because: unique(
      parts.flatMap((p) => p.flag.because),
      (s) => s,
    ),
    causes: unique(
      parts.flatMap((p) => p.flag.causes),
      (c) => `${keyOfObject(c.object)} ${c.path}`,
    ),
    figures: parts.flatMap((p) =>
      p.flag.figures.map((f) =>
        labelled ? { ...f, label: `${f.label} (callers in ${p.group.callerNamespace} → ${p.group.service.name})` } : f,
      ),
    ),
  };
}

export function explainInboundFlags(telemetry: NodeTelemetry, context: ValidationContext): NodeExplanation {
  const rows = countedRows(telemetry.rows);
  const total = rows.reduce((sum, r) => sum + r.rate, 0);
  if (total === 0) return { requestRate: 0, flags: [] };
  const parts = new Map<string, { group: Group; flag: ExplainedFlag }[]>();
  for (const group of groupsOf(rows)) {
    const explained = explainFlags({
      sourceNamespace: group.callerNamespace,
      namespace: group.service.namespace,
      service: group.service.name,
      shares: group.rows.map((r) => ({ code: r.code, flag: r.flag, percent: (r.rate / group.rate) * 100 })),
      observed: observedOf(group, telemetry),
      context,
    });
    for (const flag of explained) {
      const key = shareKey(flag.code, flag.flag);
      parts.set(key, [...(parts.get(key) ?? []), { group, flag }]);
    }
  }
  const callers = callersByShare(rows);
  const percentOf = (rate: number) => (rate / total) * 100;
  const flags = [...parts.values()]
    .map((p) => {
      const first = (p[0] as { flag: ExplainedFlag }).flag;
      const by = callers.get(shareKey(first.code, first.flag)) ?? [];
      return {
        ...merge(p, percentOf(by.reduce((sum, c) => sum + c.rate, 0))),
        callers: by.map(({ rate, ...caller }) => ({ ...caller, percent: percentOf(rate) })),
      };
    })
    .sort((a, b) => b.percent - a.percent || a.flag.localeCompare(b.flag));
  return { requestRate: total, flags };
}
