/**
 * The last N traces, as the memory storage of Istio's Jaeger addon keeps them: a ring of whole
 * traces in the order each trace was first seen; a new trace evicts the oldest one with all its
 * spans. Spans that arrive for a trace already in the ring join it (a trace's spans arrive one by
 * one, innermost first, as each proxy finishes). Services and their operations are remembered for
 * as long as the store lives, as Jaeger remembers them after their traces are gone.
 *
 * It is the engine's sink for proxy records: sampled records become spans (spans-from-record.ts);
 * unsampled ones are dropped, as Envoy reports nothing for them.
 */
import type { ProxyRecord, ProxyRecordSink } from "../telemetry/proxy-record";
import type { JaegerOperation, StoredSpan } from "./jaeger-model";
import { spansFromRecord } from "./spans-from-record";
import { traceKey } from "./trace-id";

/** Enough for minutes of the demo's traffic at 100% sampling, a few MB. */
export const DEFAULT_MAX_TRACES = 5_000;

export interface StoredTrace {
  traceID: string;
  /** In arrival order, as Jaeger returns them. */
  spans: StoredSpan[];
  /** Increases with every new trace: the ring's order, newest highest. */
  arrival: number;
}

export class TraceStore implements ProxyRecordSink {
  readonly maxTraces: number;
  /** Map iteration order is insertion order: the first key is the oldest trace. */
  private readonly traces = new Map<string, StoredTrace>();
  /** service → ids of the stored traces with a span of that service. */
  private readonly byService = new Map<string, Set<string>>();
  /** service → operation key (`kind name`) → operation. */
  private readonly operationsByService = new Map<string, Map<string, JaegerOperation>>();
  private arrivals = 0;

  constructor(options: { maxTraces?: number } = {}) {
    this.maxTraces = Math.max(1, Math.floor(options.maxTraces ?? DEFAULT_MAX_TRACES));
  }

  record(record: ProxyRecord): void {
    if (!record.trace.sampled) return;
    for (const span of spansFromRecord(record)) this.add(span);
  }

  add(span: StoredSpan): void {
    const id = traceKey(span.traceID);
    let trace = this.traces.get(id);
    if (!trace) {
      if (this.traces.size >= this.maxTraces) this.evictOldest();
      trace = { traceID: span.traceID, spans: [], arrival: ++this.arrivals };
      this.traces.set(id, trace);
    }
    trace.spans.push(span);
    const service = span.process.serviceName;
    let ids = this.byService.get(service);
    if (!ids) this.byService.set(service, (ids = new Set()));
    ids.add(id);
    let operations = this.operationsByService.get(service);
    if (!operations) this.operationsByService.set(service, (operations = new Map()));
    const kind = span.tags.find((t) => t.key === "span.kind")?.value ?? "";
    operations.set(`${kind} ${span.operationName}`, { name: span.operationName, spanKind: kind });
  }

  /** By an id as trace-id.ts normalizes it. */
  get(traceId: string): StoredTrace | undefined {
    return this.traces.get(traceKey(traceId));
  }

  get size(): number {
    return this.traces.size;
  }

  services(): string[] {
    return [...this.operationsByService.keys()].sort();
  }

  operations(service: string): JaegerOperation[] {
    const operations = [...(this.operationsByService.get(service)?.values() ?? [])];
    return operations.sort((a, b) => a.name.localeCompare(b.name) || a.spanKind.localeCompare(b.spanKind));
  }

  /** The stored traces with a span of `service`, newest first. */
  tracesOf(service: string): StoredTrace[] {
    const ids = this.byService.get(service);
    if (!ids) return [];
    const traces: StoredTrace[] = [];
    for (const id of ids) {
      const trace = this.traces.get(id);
      if (trace) traces.push(trace);
    }
    return traces.sort((a, b) => b.arrival - a.arrival);
  }

  private evictOldest(): void {
    const oldest = this.traces.keys().next();
    if (oldest.done) return;
    const id = oldest.value;
    const trace = this.traces.get(id);
    this.traces.delete(id);
    for (const span of trace?.spans ?? []) {
      const ids = this.byService.get(span.process.serviceName);
      ids?.delete(id);
      if (ids?.size === 0) this.byService.delete(span.process.serviceName);
    }
  }
}
